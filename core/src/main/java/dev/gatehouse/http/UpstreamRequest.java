package dev.gatehouse.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to an upstream. {@code timeout} bounds the wait for the response headers
 * (the first byte), not the reading of a stream.
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

    public UpstreamRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
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
