package dev.gatehouse.bench;

/**
 * How one request ended. {@code status} is the HTTP status, or -1 when the exchange failed (no
 * connection, the answer cut short, not sent before the run's deadline). {@code origin} is where
 * its latency counts from: the due time in open loop, the moment it was sent in closed loop.
 * Times are {@link System#nanoTime()}; {@code firstChunkAt} is 0 when no body arrived.
 */
record Outcome(Ask ask, int status, boolean cancelled, long origin, long firstChunkAt, long endAt, long maxGapNanos,
               int chunks) {

    static Outcome failed(Ask ask, long origin, long now) {
        return new Outcome(ask, -1, false, origin, 0, now, 0, 0);
    }

    /** A 200, read to its end; a stream also needs a chunk before the final empty one. */
    boolean ok(boolean streaming) {
        return status == 200 && !cancelled && (!streaming || chunks > 1);
    }

    long latencyNanos() {
        return endAt - origin;
    }

    long ttftNanos() {
        return firstChunkAt == 0 ? latencyNanos() : firstChunkAt - origin;
    }
}
