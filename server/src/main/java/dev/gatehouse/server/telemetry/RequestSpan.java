package dev.gatehouse.server.telemetry;

import dev.gatehouse.routing.RequestObserver;

/**
 * The trace span of one request: it hears the request's attempts and upstream calls (as a core
 * {@link RequestObserver}) and ends with the request's summary. {@link #NONE} when the request is
 * not traced.
 */
public interface RequestSpan extends RequestObserver {

    RequestSpan NONE = new RequestSpan() {};

    @Override
    default AttemptObserver attempt(dev.gatehouse.provider.Deployment deployment, int number) {
        return AttemptObserver.NONE;
    }

    /** The trace id as 32 lowercase hex digits; null when the request is not traced. */
    default String traceId() {
        return null;
    }

    /** The span id as 16 lowercase hex digits; null when the request is not traced. */
    default String spanId() {
        return null;
    }

    /** Ends the span with what the request did. Called once. */
    default void end(RequestSummary summary) {}
}
