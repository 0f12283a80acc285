package dev.gatehouse.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The time one request has spent waiting on upstreams: sending, waiting for the answer to start,
 * reading its body, pausing between polls of an asynchronous task. The server reports its own
 * overhead as the request's total time minus this. It belongs to one request and is handed to
 * its transport explicitly ({@link TimedTransport}), so it stays right whichever threads the
 * request's work runs on.
 */
public final class UpstreamClock {

    private static final VarHandle NANOS;

    static {
        try {
            NANOS = MethodHandles.lookup().findVarHandle(UpstreamClock.class, "nanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // written through NANOS
    private volatile long nanos;

    /** Adds time spent on an upstream. */
    public void add(long elapsedNanos) {
        NANOS.getAndAdd(this, elapsedNanos);
    }

    /** Nanoseconds spent on upstreams so far. */
    public long nanos() {
        return nanos;
    }
}
