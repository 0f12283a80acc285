package dev.gatehouse.server.http;

import dev.gatehouse.api.GatewayException;
import java.io.IOException;

/**
 * How one streamed answer's events are written as server-sent events, and what each tells the
 * spend ticket. The {@link SseRelay} owns everything else (the first-event wait, time to first
 * token, flushing, the caller going away); an encoder is made for one request.
 */
public interface SseEncoder<T> {

    /** Writes one event (or none, for one the caller did not ask for), charging what it carries. */
    void event(T event, SseOut out) throws IOException;

    /** Writes what ends a stream that ended normally. */
    void end(SseOut out) throws IOException;

    /** Writes the error event of a stream that failed after it started. */
    void fail(GatewayException failure, String requestId, SseOut out) throws IOException;

    /**
     * Whether a stream that ended normally told the caller it failed: an upstream's own failure
     * event relayed as written (OpenAI's {@code response.failed}), which the spend row must count
     * as an upstream error, not a success.
     */
    default boolean reportedFailure() {
        return false;
    }

    /** Runs once the stream is over, however it ended (the caller gone too). */
    default void closed() {}

    /**
     * Charges an event that is never written: text the guardrails held back when the stream ended
     * before it went out (docs/guardrails.md, "Streams"). The upstream made it and bills it, so
     * the spend ticket counts it as though it had been written.
     */
    default void unsent(T event) {}

    /** Where the answer's text is in these events, for the guardrails; null when they can not check them. */
    default StreamTexts<T> texts() {
        return null;
    }
}
