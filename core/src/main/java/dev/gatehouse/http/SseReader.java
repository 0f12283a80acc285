package dev.gatehouse.http;

import dev.gatehouse.api.ServerSentEvent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads Server-Sent Events from a byte stream, following the HTML specification's parsing
 * rules: {@code \n}, {@code \r\n} and {@code \r} line ends (Gemini sends CRLF), comment lines
 * starting with {@code :} skipped (OpenRouter sends them), several {@code data:} lines joined
 * with {@code \n}, and an event dispatched at each blank line.
 *
 * <p>Lines are found in the bytes (a line end is ASCII, never part of a UTF-8 sequence) and
 * decoded one at a time, so a line and an event's data are bounded in bytes: an upstream that
 * sends a line or an event past {@code maxEventBytes} (a line without end, data lines without
 * a blank line) fails the stream with {@link UpstreamLimits#eventTooLarge} instead of filling
 * the memory.
 */
public final class SseReader implements AutoCloseable {

    private final InputStream in;
    private final UpstreamLimits limits;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int end;
    /** A {@code \r} ended the last line: a {@code \n} right after it belongs to it. */
    private boolean skipLineFeed;
    private byte[] line = new byte[256];
    private int lineLength;

    /** A reader within the default {@link UpstreamLimits}. */
    public SseReader(InputStream in) {
        this(in, UpstreamLimits.DEFAULTS);
    }

    public SseReader(InputStream in, UpstreamLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /**
     * Whether more input has already arrived: read but not yet parsed, or waiting in the
     * stream. A relay flushes only when this is false, so that events that arrived together
     * leave together.
     */
    public boolean hasBufferedInput() {
        if (position < end) {
            return true;
        }
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return false; // the next read reports the failure
        }
    }

    /** The next event, or null at the end of the stream. */
    public ServerSentEvent next() throws IOException {
        String name = null;
        StringBuilder data = null;
        long dataBytes = 0;
        String line;
        while ((line = readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new ServerSentEvent(name, data.toString());
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
                    dataBytes += lineLength + 1;
                    if (dataBytes > limits.maxEventBytes()) {
                        throw limits.eventTooLarge("a server-sent event");
                    }
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
        return data == null ? null : new ServerSentEvent(name, data.toString());
    }

    /** The next line without its end, or null at the end of the stream; at most maxEventBytes. */
    private String readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (position >= end) {
                int read = in.read(buffer, 0, buffer.length);
                if (read < 0) {
                    return lineLength > 0 ? decodeLine() : null;
                }
                position = 0;
                end = read;
                continue;
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int stop = position;
            while (stop < end && buffer[stop] != '\n' && buffer[stop] != '\r') {
                stop++;
            }
            append(position, stop - position);
            if (stop < end) {
                skipLineFeed = buffer[stop] == '\r';
                position = stop + 1;
                return decodeLine();
            }
            position = end;
        }
    }

    private void append(int from, int length) {
        if ((long) lineLength + length > limits.maxEventBytes()) {
            throw limits.eventTooLarge("a line");
        }
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + length, Math.min(limits.maxEventBytes(),
                    line.length * 2)));
        }
        System.arraycopy(buffer, from, line, lineLength, length);
        lineLength += length;
    }

    private String decodeLine() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
