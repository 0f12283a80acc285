package dev.gatehouse.server.logging;

import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.telemetry.RequestListener;
import dev.gatehouse.server.telemetry.RequestSpan;
import dev.gatehouse.server.telemetry.RequestSummary;
import dev.gatehouse.server.telemetry.Telemetry;
import dev.gatehouse.server.telemetry.Tracing;
import java.util.List;

/**
 * A request's observation as the server makes it, with a span of fixed ids (the traces' own
 * tests check real ids): while open, the current thread's log lines carry the request's ids;
 * closing it ends the request, telling {@code listeners} its summary.
 */
final class RequestScope implements AutoCloseable {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN_ID = "00f067aa0ba902b7";

    private final Telemetry telemetry;
    private final Telemetry.Observation observation;
    private RequestSummary summary;

    RequestScope(String requestId, List<RequestListener> listeners) {
        RequestSpan span = new RequestSpan() {
            @Override
            public String traceId() {
                return TRACE_ID;
            }

            @Override
            public String spanId() {
                return SPAN_ID;
            }
        };
        Tracing tracing = (headers, route, id) -> span;
        telemetry = new Telemetry(new Metrics(), tracing, listeners);
        observation = telemetry.begin(name -> null, "chat", requestId);
        summary = new RequestSummary(requestId, "chat", 200, "127.0.0.1", 1, 0, null, null, null);
    }

    /** The summary the request ends with. */
    RequestScope endingWith(RequestSummary value) {
        this.summary = value;
        return this;
    }

    @Override
    public void close() {
        telemetry.finished(observation, summary);
    }
}
