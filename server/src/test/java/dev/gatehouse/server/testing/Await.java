package dev.gatehouse.server.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;

/** Waiting in tests for what a background writer does: a bounded number of short sleeps, never a time asserted. */
public final class Await {

    private Await() {}

    /** Waits until {@code done} holds (at most about ten seconds of 10 ms sleeps), then asserts it. */
    public static void until(BooleanSupplier done, String what) {
        for (int i = 0; i < 1_000 && !done.getAsBoolean(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertTrue(done.getAsBoolean(), what);
    }
}
