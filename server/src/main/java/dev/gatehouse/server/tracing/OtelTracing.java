package dev.gatehouse.server.tracing;

import dev.gatehouse.server.telemetry.RequestSpan;
import dev.gatehouse.server.telemetry.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
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

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final TelemetrySettings settings;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    OtelTracing(SdkTracerProvider provider, TelemetrySettings settings) {
        this.provider = provider;
        this.tracer = provider.get("dev.gatehouse.server");
        this.settings = settings;
    }

    @Override
    public RequestSpan start(Function<String, String> headers, String route, String requestId) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
        Span span = tracer.spanBuilder(route).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(SpanAttributes.ROUTE, route)
                .setAttribute(SpanAttributes.REQUEST_ID, requestId)
                .startSpan();
        return new ServerSpan(tracer, span, route, settings);
    }

    /** Exports the spans still queued, then stops the exporter; once (a gateway may be closed twice). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        provider.shutdown().join(settings.exportTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    }
}
