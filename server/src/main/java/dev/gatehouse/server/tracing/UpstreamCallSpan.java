package dev.gatehouse.server.tracing;

import static dev.gatehouse.server.tracing.SpanAttributes.*;

import dev.gatehouse.http.UpstreamObserver;
import dev.gatehouse.http.UpstreamRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * One HTTP call to an upstream, a CLIENT span from sending the request to the end of its answer's
 * body (a stream's last event). It records the method, the host and port and the status, never
 * the URL's path or query (a Google key may ride in it) nor a header. With propagation on, the
 * request carries a W3C {@code traceparent} naming this span.
 */
final class UpstreamCallSpan implements UpstreamObserver.Call {

    private final Span span;
    private final boolean propagate;

    private UpstreamCallSpan(Span span, boolean propagate) {
        this.span = span;
        this.propagate = propagate;
    }

    static UpstreamCallSpan start(Tracer tracer, Span parent, UpstreamRequest request, boolean propagate) {
        URI uri = request.uri();
        var builder = tracer.spanBuilder(request.method()).setParent(Context.root().with(parent))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(HTTP_METHOD, request.method());
        if (uri.getHost() != null) {
            builder.setAttribute(SERVER_ADDRESS, uri.getHost());
            builder.setAttribute(SERVER_PORT, (long) port(uri));
        }
        return new UpstreamCallSpan(builder.startSpan(), propagate);
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public Map<String, String> headers() {
        if (!propagate) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers, Map::put);
        return headers;
    }

    @Override
    public void responded(int status) {
        span.setAttribute(HTTP_STATUS, status);
        if (status >= 400) {
            span.setAttribute(ERROR_TYPE, Integer.toString(status));
            span.setStatus(StatusCode.ERROR); // a client span is in error for a 4xx too (HTTP conventions)
        }
    }

    @Override
    public void failed(Throwable error) {
        span.setAttribute(ERROR_TYPE, error.getClass().getName());
        span.setStatus(StatusCode.ERROR);
    }

    @Override
    public void end() {
        span.end();
    }
}
