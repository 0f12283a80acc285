package dev.gatehouse.server.tracing;

import dev.gatehouse.server.telemetry.RequestSpan;
import dev.gatehouse.server.telemetry.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Each request's SERVER span, continuing the caller's W3C trace context
 * ({@code traceparent}, {@code tracestate}) when it sent one. The span hears the request's
 * attempts and upstream calls and ends with its summary ({@link ServerSpan}).
 */
final class OtelTracing implements Tracing {

    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private final Spans spans;
    private final ExportQueue queue;
    private final TelemetrySettings settings;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    OtelTracing(Spans spans, ExportQueue queue, TelemetrySettings settings) {
        this.spans = spans;
        this.queue = queue;
        this.settings = settings;
    }

    @Override
    public RequestSpan start(Function<String, String> headers, String route, String requestId) {
        SpanContext caller = headers.apply("traceparent") == null ? SpanContext.getInvalid()
                : Span.fromContext(W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS))
                        .getSpanContext();
        SpanContext context = spans.serverContext(caller);
        if (!context.isSampled()) {
            return new UnsampledSpan(context, settings.propagateUpstream());
        }
        RecordedSpan span = spans.start(route, SpanKind.SERVER, context, caller)
                .put(SpanAttributes.ROUTE, route)
                .put(SpanAttributes.REQUEST_ID, requestId);
        return new ServerSpan(spans, span, route, settings);
    }

    /** Exports the spans still queued, then stops the exporter; once (a gateway may be closed twice). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.shutdown().join(settings.exportTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    }
}
