package dev.gatehouse.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to an upstream. {@code timeout} bounds each wait for bytes: the response
 * headers (the first byte) and, with transports that can, each pause while reading.
 * {@code totalTimeout}, when not null, bounds the whole exchange from sending to the last
 * byte read; {@code idleTimeout}, when not null, each pause while the body is read (shorter than
 * {@code timeout}: a stream that may take long to start but must then keep flowing). A body
 * still being read past either is cut off with {@link DeadlineExceeded}.
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout,
        Duration totalTimeout, Duration idleTimeout) {

    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A request bounded as a whole by {@code totalTimeout}, without an idle timeout of its own. */
    public UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout,
            Duration totalTimeout) {
        this(method, uri, headers, body, timeout, totalTimeout, null);
    }

    /** A request without a total deadline. */
    public UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        this(method, uri, headers, body, timeout, null, null);
    }

    /** A copy bounded as a whole by {@code total} (null for no bound). */
    public UpstreamRequest withTotalTimeout(Duration total) {
        return new UpstreamRequest(method, uri, headers, body, timeout, total, idleTimeout);
    }

    /** A copy bounded as a whole by {@code total} and in each pause of its body by {@code idle} (null: none). */
    public UpstreamRequest withTimeouts(Duration total, Duration idle) {
        return new UpstreamRequest(method, uri, headers, body, timeout, total, idle);
    }

    public static UpstreamRequest postJson(URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("content-type", "application/json");
        return new UpstreamRequest("POST", uri, all, body, timeout);
    }

    /** Masks header values: a request is never printed with its credentials. */
    @Override
    public String toString() {
        return "UpstreamRequest[" + method + " " + uri + ", headers=" + headers.keySet() + "]";
    }
}
