package dev.gatehouse.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a fake answers one request with. */
public sealed interface Reply {

    /** A complete response with a body. */
    record Full(int status, Map<String, String> headers, byte[] body) implements Reply {
        public static Full json(int status, String json) {
            return new Full(status, Map.of("content-type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }

        public Full withHeader(String name, String value) {
            java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
            all.put(name, value);
            return new Full(status, all, body);
        }
    }

    /**
     * A streamed response (chunked transfer encoding): each frame is written and flushed
     * after its delay. With {@code dropAtEnd} the connection is cut after the last frame,
     * without ending the chunked body: the client sees a broken stream, not a clean end.
     */
    record Stream(int status, Map<String, String> headers, List<Frame> frames, boolean dropAtEnd) implements Reply {}

    /** One piece of a streamed body, written after {@code delay}: text (as UTF-8) or bytes (a binary stream). */
    record Frame(byte[] bytes, Duration delay) {
        public Frame(String text, Duration delay) {
            this(text.getBytes(StandardCharsets.UTF_8), delay);
        }

        public static Frame of(String text) {
            return new Frame(text, Duration.ZERO);
        }

        public static Frame of(byte[] bytes) {
            return new Frame(bytes.clone(), Duration.ZERO);
        }

        /** The frame as text (for the SSE fakes, whose frames are text). */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * A body without end (chunked): {@code prefix}, then {@code unit} again and again until the
     * client closes the connection (counted as an abandoned stream) or the fake closes. For the
     * bounds on what a client reads: a JSON body that never ends, an SSE line without a line end.
     * As a safeguard it stops after {@link #MAX_BYTES}, far past any bound under test.
     */
    record Endless(int status, Map<String, String> headers, byte[] prefix, byte[] unit) implements Reply {
        public static final long MAX_BYTES = 1L << 30;

        public static Endless of(String contentType, String prefix, String unit) {
            return new Endless(200, Map.of("content-type", contentType), prefix.getBytes(StandardCharsets.UTF_8),
                    unit.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Accepts the request and never answers, until the client gives up or the fake closes. */
    record Hang() implements Reply {}

    /** Closes the connection without any response. */
    record Drop() implements Reply {}

    /** A reply that depends on the request it answers (a fake resolves it before it is played). */
    non-sealed interface Deferred extends Reply {
        Reply resolve(RecordedRequest request);
    }
}
