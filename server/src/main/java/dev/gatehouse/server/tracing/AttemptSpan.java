package dev.gatehouse.server.tracing;

import static dev.gatehouse.server.tracing.SpanAttributes.*;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RequestObserver;
import io.opentelemetry.api.trace.SpanKind;

/**
 * One routing attempt's span, a child of the request's: the deployment tried and its place in the
 * retry and fallback loop, in error when the attempt failed. Each HTTP call the attempt makes is
 * a CLIENT child of it ({@link UpstreamCallSpan}).
 */
final class AttemptSpan implements RequestObserver.AttemptObserver {

    private final Spans spans;
    private final RecordedSpan span;
    private final boolean propagate;

    private AttemptSpan(Spans spans, RecordedSpan span, boolean propagate) {
        this.spans = spans;
        this.span = span;
        this.propagate = propagate;
    }

    static AttemptSpan start(Spans spans, RecordedSpan parent, Deployment deployment, int number, String operation,
            boolean propagate) {
        RecordedSpan span = spans.child(parent, operation + " " + deployment.upstreamModel(), SpanKind.INTERNAL)
                .put(OPERATION, operation)
                .put(PROVIDER, providerName(deployment.provider()))
                .put(REQUEST_MODEL, deployment.upstreamModel())
                .put(DEPLOYMENT, deployment.id())
                .put(ATTEMPT, (long) number);
        return new AttemptSpan(spans, span, propagate);
    }

    @Override
    public Call started(UpstreamRequest request) {
        return UpstreamCallSpan.start(spans, span, request, propagate);
    }

    @Override
    public void failed(GatewayException error) {
        span.put(ERROR_TYPE, error.type());
        span.error();
    }

    @Override
    public void end() {
        spans.end(span);
    }
}
