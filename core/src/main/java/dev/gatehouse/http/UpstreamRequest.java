package dev.gatehouse.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to an upstream. {@code timeout} bounds each wait for bytes: the response
 * headers (the first byte) and, with transports that can, each pause while reading.
 * {@code totalTimeout}, when not null, bounds the whole exchange from sending to the last
 * byte read; a body still being read then is cut off with {@link DeadlineExceeded}.
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout,
        Duration totalTimeout) {

    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A request without a total deadline. */
    public UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        this(method, uri, headers, body, timeout, null);
    }

    /** A copy bounded as a whole by {@code total} (null for no bound). */
    public UpstreamRequest withTotalTimeout(Duration total) {
        return new UpstreamRequest(method, uri, headers, body, timeout, total);
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
