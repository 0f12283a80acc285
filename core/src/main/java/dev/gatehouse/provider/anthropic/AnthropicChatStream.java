package dev.gatehouse.provider.anthropic;

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
 * The chunks of one Anthropic stream, read as the caller asks for them: each event is read
 * from the upstream, decoded, and its chunks handed out in order. A failure (an error event, a
 * broken connection, a body that ends before {@code message_stop}) is thrown by {@link #next()}
 * after every chunk that came before it. The upstream response is closed at the end, on a
 * failure, and by {@link #close()}.
 */
final class AnthropicChatStream implements ChatStream {

    private final UpstreamResponse response;
    private final SseReader reader;
    private final AnthropicStreamDecoder decoder;
    private final Deque<ChatChunk> ready = new ArrayDeque<>();
    private GatewayException failure;
    private boolean closed;

    AnthropicChatStream(UpstreamResponse response, AnthropicStreamDecoder decoder) {
        this.response = response;
        this.reader = new SseReader(response.body());
        this.decoder = decoder;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && failure == null && !closed) {
            if (decoder.finished()) {
                close();
                break;
            }
            readEvent();
        }
        return !ready.isEmpty() || failure != null;
    }

    @Override
    public ChatChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        if (!ready.isEmpty()) {
            return ready.removeFirst();
        }
        GatewayException thrown = failure;
        failure = null;
        throw thrown;
    }

    private void readEvent() {
        try {
            SseReader.Event event = reader.next();
            if (event == null) {
                fail(decoder.endedEarly());
                return;
            }
            ready.addAll(decoder.decode(event));
        } catch (IOException e) {
            fail(new GatewayException.TransportFailure("the connection to Anthropic broke during the stream", e));
        } catch (GatewayException e) {
            fail(e);
        }
    }

    private void fail(GatewayException error) {
        failure = error;
        close();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            response.close();
        }
    }
}
