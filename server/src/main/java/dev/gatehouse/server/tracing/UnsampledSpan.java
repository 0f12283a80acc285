package dev.gatehouse.server.tracing;

import dev.gatehouse.http.UpstreamObserver;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.telemetry.RequestSpan;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;

/**
 * A request whose trace is not sampled: nothing is recorded, but its log lines carry its ids, and
 * with propagation on its upstream calls still carry its {@code traceparent} (not sampled), so
 * that the services it calls follow the same decision.
 */
final class UnsampledSpan implements RequestSpan {

    private final SpanContext context;
    private final boolean propagate;

    UnsampledSpan(SpanContext context, boolean propagate) {
        this.context = context;
        this.propagate = propagate;
    }

    @Override
    public AttemptObserver attempt(Deployment deployment, int number) {
        if (!propagate) {
            return AttemptObserver.NONE;
        }
        Map<String, String> headers = TraceHeaders.of(context);
        UpstreamObserver.Call call = new UpstreamObserver.Call() {
            @Override
            public Map<String, String> headers() {
                return headers;
            }
        };
        return new AttemptObserver() {
            @Override
            public Call started(UpstreamRequest request) {
                return call;
            }
        };
    }

    @Override
    public String traceId() {
        return context.getTraceId();
    }

    @Override
    public String spanId() {
        return context.getSpanId();
    }
}
