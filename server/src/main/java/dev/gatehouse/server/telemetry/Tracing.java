package dev.gatehouse.server.telemetry;

import java.util.function.Function;

/** Starts each request's trace span; {@link #OFF} when traces are not exported. */
public interface Tracing extends AutoCloseable {

    Tracing OFF = (headers, route, requestId) -> RequestSpan.NONE;

    /**
     * The span of a request arriving now on {@code route}, continuing the trace its W3C
     * {@code traceparent} and {@code tracestate} headers name ({@code headers} reads a request
     * header by its lowercase name; null when absent).
     */
    RequestSpan start(Function<String, String> headers, String route, String requestId);

    /** Exports what is queued and stops; the default does nothing. */
    @Override
    default void close() {}
}
