package dev.gatehouse.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A response body written as server-sent events; the {@link SseRelay} decides when to flush. */
public final class SseOut {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    SseOut(OutputStream out) {
        this.out = out;
    }

    /** One event of one data line: {@code name} may be null (no {@code event:} line); {@code data} has no line end. */
    public void event(String name, byte[] data) throws IOException {
        if (name != null) {
            out.write(EVENT);
            out.write(name.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        out.write(DATA);
        out.write(data);
        out.write(END_OF_EVENT);
    }

    /** One event whose data may span lines: each line goes out as its own {@code data:} line. */
    public void eventLines(String name, String data) throws IOException {
        StringBuilder text = new StringBuilder(data.length() + 32);
        if (name != null) {
            text.append("event: ").append(name).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        out.write(text.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes as they are (a fixed end-of-stream line). */
    public void raw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    void flush() throws IOException {
        out.flush();
    }
}
