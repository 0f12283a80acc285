package dev.gatehouse.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events from a byte stream, following the HTML specification's parsing
 * rules: {@code \n}, {@code \r\n} and {@code \r} line ends (Gemini sends CRLF), comment lines
 * starting with {@code :} skipped (OpenRouter sends them), several {@code data:} lines joined
 * with {@code \n}, and an event dispatched at each blank line.
 */
public final class SseReader implements AutoCloseable {

    /** One event: its {@code event:} name (null when none was given) and its data. */
    public record Event(String name, String data) {}

    private final BufferedReader reader;

    public SseReader(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 8192);
    }

    /**
     * Whether more input has already arrived: read but not yet parsed, or waiting in the
     * stream. A relay flushes only when this is false, so that events that arrived together
     * leave together.
     */
    public boolean hasBufferedInput() {
        try {
            return reader.ready();
        } catch (IOException e) {
            return false; // the next read reports the failure
        }
    }

    /** The next event, or null at the end of the stream. */
    public Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = null; // An event without data is not dispatched.
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (!value.isEmpty() && value.charAt(0) == ' ') {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                case "event" -> name = value;
                default -> { } // id and retry do not matter to a proxy; unknown fields are ignored by the spec.
            }
        }
        // A last event without its closing blank line is still delivered: some servers end so.
        return data == null ? null : new Event(name, data.toString());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
