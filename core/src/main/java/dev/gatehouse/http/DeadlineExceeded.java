package dev.gatehouse.http;

import java.io.IOException;

/** Reading an upstream body was cut off because the exchange ran past its total timeout. */
public final class DeadlineExceeded extends IOException {

    private static final long serialVersionUID = 1L;

    DeadlineExceeded(long totalMillis) {
        this("the upstream exchange ran past its total timeout of " + totalMillis + " ms");
    }

    DeadlineExceeded(String message) {
        super(message);
    }

    /** A stream whose upstream sent nothing for longer than its idle timeout. */
    static DeadlineExceeded idle(long idleMillis) {
        return new DeadlineExceeded("the upstream sent nothing for " + idleMillis + " ms, past its idle timeout");
    }
}
