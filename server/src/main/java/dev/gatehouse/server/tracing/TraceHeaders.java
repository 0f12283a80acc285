package dev.gatehouse.server.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/** The W3C {@code traceparent} (and {@code tracestate}) that names a span to the service it calls. */
final class TraceHeaders {

    private TraceHeaders() {}

    static Map<String, String> of(SpanContext span) {
        Map<String, String> headers = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(span)), headers, Map::put);
        return headers;
    }
}
