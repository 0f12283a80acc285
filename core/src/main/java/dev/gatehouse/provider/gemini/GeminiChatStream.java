package dev.gatehouse.provider.gemini;

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
 * A Gemini stream as a {@link ChatStream}: reads SSE events from the upstream body as the
 * caller asks for chunks, and hands them to its {@link GeminiStreamDecoder}. The upstream
 * response is closed at the end of the body, on the first failure, and by {@link #close()}.
 */
final class GeminiChatStream implements ChatStream {

    private final UpstreamResponse response;
    private final SseReader reader;
    private final GeminiStreamDecoder decoder;
    private final Deque<ChatChunk> ready = new ArrayDeque<>();
    private boolean done;

    GeminiChatStream(UpstreamResponse response, GeminiStreamDecoder decoder) {
        this.response = response;
        this.reader = new SseReader(response.body());
        this.decoder = decoder;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !done) {
            readEvent();
        }
        return !ready.isEmpty();
    }

    @Override
    public ChatChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the Gemini stream has ended");
        }
        return ready.removeFirst();
    }

    private void readEvent() {
        try {
            SseReader.Event event = reader.next();
            if (event == null) {
                release();
                ready.addAll(decoder.finish());
            } else {
                ready.addAll(decoder.decode(event.data()));
            }
        } catch (IOException e) {
            release();
            throw new GatewayException.TransportFailure("the Gemini stream broke before its end", e);
        } catch (GatewayException e) {
            release();
            throw e;
        }
    }

    /** Ends the stream early: the chunks not yet taken are dropped and the upstream connection closed. */
    @Override
    public void close() {
        ready.clear();
        release();
    }

    private void release() {
        done = true;
        response.close();
    }
}
