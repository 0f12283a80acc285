package dev.gatehouse.http;

import dev.gatehouse.api.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An upstream's answer: status, headers (names in lower case) and the body, still to be read. */
public record UpstreamResponse(int status, Map<String, List<String>> headers, InputStream body)
        implements AutoCloseable {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Reads the whole body; a connection that breaks meanwhile is a transport failure. */
    public byte[] readAll() {
        try (InputStream in = body) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw readFailure(e, "the upstream connection broke while reading its answer");
        }
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
