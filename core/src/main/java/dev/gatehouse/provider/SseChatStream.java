package dev.gatehouse.provider;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.SseReader;
import dev.gatehouse.http.UpstreamResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;

/**
 * A {@link ChatStream} over an upstream's SSE body and a provider's {@link StreamDecoder}:
 * reads events as the caller asks for chunks, so nothing is buffered ahead of the caller, and
 * closing it closes the upstream connection.
 */
public final class SseChatStream implements ChatStream {

    private final UpstreamResponse response;
    private final SseReader reader;
    private final StreamDecoder decoder;
    private final Deque<ChatChunk> ready = new ArrayDeque<>();
    private boolean ended;
    private boolean closed;

    public SseChatStream(UpstreamResponse response, StreamDecoder decoder) {
        this.response = response;
        this.reader = new SseReader(response.body());
        this.decoder = decoder;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !ready.isEmpty();
    }

    @Override
    public ChatChunk next() {
        fill();
        if (ready.isEmpty()) {
            throw new NoSuchElementException("the stream has ended");
        }
        return ready.pollFirst();
    }

    /** Reads events until a chunk is ready or the stream ends; failures close the stream. */
    private void fill() {
        try {
            while (ready.isEmpty() && !ended && !closed) {
                SseReader.Event event = decoder.finished() ? null : reader.next();
                if (event == null) {
                    ended = true;
                    ready.addAll(decoder.onEnd());
                } else {
                    ready.addAll(decoder.onEvent(event));
                }
            }
        } catch (IOException e) {
            close();
            throw UpstreamResponse.readFailure(e, "the upstream stream broke off");
        } catch (GatewayException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean nextIsReady() {
        return !ready.isEmpty() || (!ended && !closed && reader.hasBufferedInput());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            response.close();
        }
    }
}
