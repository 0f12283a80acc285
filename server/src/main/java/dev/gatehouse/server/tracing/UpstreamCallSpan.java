package dev.gatehouse.server.tracing;

import static dev.gatehouse.server.tracing.SpanAttributes.*;

import dev.gatehouse.http.UpstreamObserver;
import dev.gatehouse.http.UpstreamRequest;
import io.opentelemetry.api.trace.SpanKind;
import java.net.URI;
import java.util.Map;

/**
 * One HTTP call to an upstream, a CLIENT span from sending the request to the end of its answer's
 * body (a stream's last event). It records the method, the host and port and the status, never
 * the URL's path or query (a Google key may ride in it) nor a header. With propagation on, the
 * request carries a W3C {@code traceparent} naming this span.
 */
final class UpstreamCallSpan implements UpstreamObserver.Call {

    private final Spans spans;
    private final RecordedSpan span;
    private final boolean propagate;

    private UpstreamCallSpan(Spans spans, RecordedSpan span, boolean propagate) {
        this.spans = spans;
        this.span = span;
        this.propagate = propagate;
    }

    static UpstreamCallSpan start(Spans spans, RecordedSpan parent, UpstreamRequest request, boolean propagate) {
        URI uri = request.uri();
        RecordedSpan span = spans.child(parent, request.method(), SpanKind.CLIENT).put(HTTP_METHOD, request.method());
        if (uri.getHost() != null) {
            span.put(SERVER_ADDRESS, uri.getHost());
            span.put(SERVER_PORT, (long) port(uri));
        }
        return new UpstreamCallSpan(spans, span, propagate);
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public Map<String, String> headers() {
        if (!propagate) {
            return Map.of();
        }
        return TraceHeaders.of(span.getSpanContext());
    }

    @Override
    public void responded(int status) {
        span.put(HTTP_STATUS, (long) status);
        if (status >= 400) {
            span.put(ERROR_TYPE, Integer.toString(status));
            span.error(); // a client span is in error for a 4xx too (HTTP conventions)
        }
    }

    @Override
    public void failed(Throwable error) {
        span.put(ERROR_TYPE, error.getClass().getName());
        span.error();
    }

    @Override
    public void end() {
        spans.end(span);
    }
}
