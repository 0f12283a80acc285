package dev.gatehouse.api;

import java.util.Iterator;

/**
 * A streamed answer: its events in order, as they arrive, whatever they are (OpenAI chat chunks,
 * Anthropic's events). Closing it before the end closes the upstream connection.
 * {@link #next()} throws a {@link GatewayException} when the stream fails midway (an error event
 * inside a 200 stream, a dropped connection).
 */
public interface EventStream<T> extends Iterator<T>, AutoCloseable {

    @Override
    void close();

    /**
     * Whether the next event is already at hand, so that {@link #next()} will not wait for the
     * upstream. A relay uses it to flush only when the upstream has nothing more ready. False
     * when unknown.
     */
    default boolean nextIsReady() {
        return false;
    }
}
