package dev.gatehouse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A request a fake received: method, path (with query), headers (lower-case names) and body. */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The path without its query string. */
    public String pathOnly() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** The query parameter {@code name}, if present (not decoded: fakes only check simple values). */
    public Optional<String> query(String name) {
        int q = path.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : path.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; a body that is not JSON fails the test that asked. */
    public JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("request body is not JSON: " + bodyText(), e);
        }
    }
}
