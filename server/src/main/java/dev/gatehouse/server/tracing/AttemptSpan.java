package dev.gatehouse.server.tracing;

import static dev.gatehouse.server.tracing.SpanAttributes.*;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RequestObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * One routing attempt's span, a child of the request's: the deployment tried and its place in the
 * retry and fallback loop, in error when the attempt failed. Each HTTP call the attempt makes is
 * a CLIENT child of it ({@link UpstreamCallSpan}).
 */
final class AttemptSpan implements RequestObserver.AttemptObserver {

    private final Tracer tracer;
    private final Span span;
    private final boolean propagate;

    private AttemptSpan(Tracer tracer, Span span, boolean propagate) {
        this.tracer = tracer;
        this.span = span;
        this.propagate = propagate;
    }

    static AttemptSpan start(Tracer tracer, Span parent, Deployment deployment, int number, String operation,
            boolean propagate) {
        Span span = tracer.spanBuilder(operation + " " + deployment.upstreamModel())
                .setParent(Context.root().with(parent))
                .setAttribute(OPERATION, operation)
                .setAttribute(PROVIDER, providerName(deployment.provider()))
                .setAttribute(REQUEST_MODEL, deployment.upstreamModel())
                .setAttribute(DEPLOYMENT, deployment.id())
                .setAttribute(ATTEMPT, (long) number)
                .startSpan();
        return new AttemptSpan(tracer, span, propagate);
    }

    @Override
    public Call started(UpstreamRequest request) {
        return UpstreamCallSpan.start(tracer, span, request, propagate);
    }

    @Override
    public void failed(GatewayException error) {
        span.setAttribute(ERROR_TYPE, error.type());
        span.setStatus(StatusCode.ERROR);
    }

    @Override
    public void end() {
        span.end();
    }
}
