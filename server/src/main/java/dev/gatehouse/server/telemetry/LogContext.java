package dev.gatehouse.server.telemetry;

/**
 * The ids the log lines written while a request is served carry: its request id, and its trace
 * and span ids when it is traced. Bound to the request's thread (each request runs on a virtual
 * thread of its own) from its arrival until it is answered.
 */
public final class LogContext {

    /** One request's ids; {@code traceId} and {@code spanId} are null when the request is not traced. */
    public record Ids(String requestId, String traceId, String spanId) {}

    private static final ThreadLocal<Ids> CURRENT = new ThreadLocal<>();

    private LogContext() {}

    /** The ids of the request the current thread serves; null outside a request. */
    public static Ids current() {
        return CURRENT.get();
    }

    static void bind(Ids ids) {
        CURRENT.set(ids);
    }

    static void clear() {
        CURRENT.remove();
    }
}
