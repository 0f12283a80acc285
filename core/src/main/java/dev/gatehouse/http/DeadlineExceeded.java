package dev.gatehouse.http;

import java.io.IOException;

/** Reading an upstream body was cut off because the exchange ran past its total timeout. */
public final class DeadlineExceeded extends IOException {

    private static final long serialVersionUID = 1L;

    DeadlineExceeded(long totalMillis) {
        super("the upstream exchange ran past its total timeout of " + totalMillis + " ms");
    }
}
