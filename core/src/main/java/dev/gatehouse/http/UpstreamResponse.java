package dev.gatehouse.http;

import dev.gatehouse.api.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An upstream's answer: status, headers (names in lower case) and the body, still to be read,
 * no more of it than {@code limits} allow.
 */
public record UpstreamResponse(int status, Map<String, List<String>> headers, InputStream body,
        UpstreamLimits limits) implements AutoCloseable {

    public UpstreamResponse {
        java.util.Objects.requireNonNull(limits, "limits");
    }

    /** An answer read within the default {@link UpstreamLimits}. */
    public UpstreamResponse(int status, Map<String, List<String>> headers, InputStream body) {
        this(status, headers, body, UpstreamLimits.DEFAULTS);
    }

    /** This answer, read within {@code bounds}. */
    public UpstreamResponse withLimits(UpstreamLimits bounds) {
        return new UpstreamResponse(status, headers, body, bounds);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /**
     * Reads the whole body, at most {@link UpstreamLimits#maxBodyBytes()}: a longer one is a bad
     * answer, and the rest is never read (closing the body ends the connection). A connection
     * that breaks meanwhile is a transport failure.
     */
    public byte[] readAll() {
        try (InputStream in = body) {
            byte[] bytes = BodyBytes.read(in, declaredLength(), limits.maxBodyBytes());
            if (bytes.length > limits.maxBodyBytes()) {
                throw limits.bodyTooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw readFailure(e, "the upstream connection broke while reading its answer");
        }
    }

    /**
     * The body's length from {@code Content-Length}, or -1 when it has none, a malformed one, or
     * a content encoding (which the transport may undo, changing the length).
     */
    private long declaredLength() {
        List<String> lengths = headers.get("content-length");
        if (lengths == null || lengths.size() != 1 || headers.containsKey("content-encoding")) {
            return -1;
        }
        String value = lengths.getFirst().trim();
        if (value.isEmpty() || value.length() > 18) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /**
     * What a failed read of an upstream body means: a timeout (the total deadline, or a pause
     * longer than the read timeout) or a broken connection.
     */
    public static GatewayException readFailure(IOException e, String brokenMessage) {
        if (e instanceof DeadlineExceeded) {
            return new GatewayException.UpstreamTimeout(e.getMessage(), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) {
                return new GatewayException.UpstreamTimeout("the upstream paused longer than its read timeout", e);
            }
        }
        return new GatewayException.TransportFailure(brokenMessage, e);
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // Closing is how a stream is abandoned; a failure to close changes nothing for the caller.
        }
    }
}
