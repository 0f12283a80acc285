package dev.gatehouse.bench;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response incrementally from whatever bytes have arrived: the status line,
 * the headers it needs (Content-Length, Transfer-Encoding: chunked, Connection: close), then the
 * body by length, chunk by chunk, or up to the connection's end. Body bytes are skipped, never
 * copied. Each body chunk is stamped when its size line is complete: a gateway may regroup the
 * upstream's SSE events into other chunks, but a stall shows either way.
 */
final class ResponseReader {
    private enum State { STATUS, HEADERS, LENGTH_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, TO_CLOSE, DONE }

    private final StringBuilder line = new StringBuilder(128);
    private State state = State.STATUS;
    private int status;
    private long remaining;
    private boolean chunked;
    private boolean reusable;
    private long firstChunkAt;
    private long lastChunkAt;
    private long maxGapNanos;
    private int chunks;

    /** Gets ready for the next response on the same connection. */
    void reset() {
        line.setLength(0);
        state = State.STATUS;
        status = 0;
        remaining = -1;
        chunked = false;
        reusable = true;
        firstChunkAt = 0;
        lastChunkAt = 0;
        maxGapNanos = 0;
        chunks = 0;
    }

    ResponseReader() {
        reset();
    }

    /**
     * Consumes the bytes in {@code in} (all of them) that arrived at {@code now}; returns true once
     * the response is complete. Throws {@link IllegalStateException} on what it can not parse.
     */
    boolean feed(ByteBuffer in, long now) {
        while (in.hasRemaining() && state != State.DONE) {
            switch (state) {
                case STATUS, HEADERS, CHUNK_SIZE, CHUNK_DATA_END, TRAILERS -> {
                    if (readLine(in)) {
                        onLine(now);
                    }
                }
                case LENGTH_BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.remaining());
                    in.position(in.position() + n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = state == State.LENGTH_BODY ? State.DONE : State.CHUNK_DATA_END;
                        if (state == State.DONE) {
                            firstChunkAt = now;
                        }
                    }
                }
                case TO_CLOSE -> in.position(in.limit());
                case DONE -> { }
            }
        }
        return state == State.DONE;
    }

    /** The connection ended: completes a response read up to the close, or says it was cut short. */
    boolean endOfStream(long now) {
        if (state == State.TO_CLOSE) {
            firstChunkAt = now;
            state = State.DONE;
            reusable = false;
            return true;
        }
        return false;
    }

    private boolean readLine(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                return true;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return false;
    }

    private void onLine(long now) {
        String text = line.toString();
        line.setLength(0);
        switch (state) {
            case STATUS -> {
                if (text.length() < 12 || !text.startsWith("HTTP/1.")) {
                    throw new IllegalStateException("not an HTTP/1.x status line: " + text);
                }
                status = Integer.parseInt(text.substring(9, 12));
                state = State.HEADERS;
            }
            case HEADERS -> {
                if (text.isEmpty()) {
                    startBody(now);
                    return;
                }
                // Only three headers matter; the others are passed over without a copy.
                if (text.regionMatches(true, 0, "content-length:", 0, 15)) {
                    remaining = Long.parseLong(text.substring(15).trim());
                } else if (text.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                    chunked = text.toLowerCase(Locale.ROOT).contains("chunked");
                } else if (text.regionMatches(true, 0, "connection:", 0, 11)) {
                    reusable = !text.substring(11).trim().equalsIgnoreCase("close");
                }
            }
            case CHUNK_SIZE -> {
                if (firstChunkAt == 0) {
                    firstChunkAt = now;
                } else {
                    maxGapNanos = Math.max(maxGapNanos, now - lastChunkAt);
                }
                lastChunkAt = now;
                chunks++;
                int semi = text.indexOf(';');
                remaining = Long.parseLong((semi < 0 ? text : text.substring(0, semi)).trim(), 16);
                state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
            }
            case CHUNK_DATA_END -> state = State.CHUNK_SIZE;
            case TRAILERS -> {
                if (text.isEmpty()) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException("no line expected in " + state);
        }
    }

    private void startBody(long now) {
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (remaining > 0) {
            state = State.LENGTH_BODY;
        } else if (remaining == 0) {
            firstChunkAt = now;
            state = State.DONE;
        } else {
            state = State.TO_CLOSE;
        }
    }

    int status() {
        return status;
    }

    boolean reusable() {
        return reusable;
    }

    /** {@link System#nanoTime()} when the first body chunk (or a whole sized body) arrived; 0 if none yet. */
    long firstChunkAt() {
        return firstChunkAt;
    }

    /** The longest wait between two body chunks so far, in nanoseconds. */
    long maxGapNanos() {
        return maxGapNanos;
    }

    /** The body chunks so far, the final empty one included. */
    int chunks() {
        return chunks;
    }
}
