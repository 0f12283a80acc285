package dev.gatehouse.api;

import java.util.Iterator;

/**
 * A streamed response: the chunks in order, as they arrive. Closing it before the end closes
 * the upstream connection. {@link #next()} throws a {@link GatewayException} when the stream
 * fails midway (an error event inside a 200 stream, a dropped connection).
 */
public interface ChatStream extends Iterator<ChatChunk>, AutoCloseable {

    @Override
    void close();

    /**
     * Whether the next chunk is already at hand, so that {@link #next()} will not wait for the
     * upstream. A relay uses it to flush only when the upstream has nothing more ready.
     * False when unknown.
     */
    default boolean nextIsReady() {
        return false;
    }
}
