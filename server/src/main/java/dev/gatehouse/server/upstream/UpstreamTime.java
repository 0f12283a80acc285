package dev.gatehouse.server.upstream;

/**
 * Time the current request has spent waiting on upstreams, so that the gateway can report its
 * own overhead (total minus upstream). Each request runs on its own virtual thread and calls
 * upstreams from it, so a thread-local accumulator is exact and costs no synchronisation.
 */
public final class UpstreamTime {

    private static final ThreadLocal<long[]> NANOS = ThreadLocal.withInitial(() -> new long[1]);

    private UpstreamTime() {}

    /** Starts counting for the request on this thread. */
    public static void reset() {
        NANOS.get()[0] = 0;
    }

    static void add(long nanos) {
        NANOS.get()[0] += nanos;
    }

    /** Nanoseconds spent on upstreams since {@link #reset()}. */
    public static long nanos() {
        return NANOS.get()[0];
    }
}
