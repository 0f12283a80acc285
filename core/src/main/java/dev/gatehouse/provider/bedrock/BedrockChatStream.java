package dev.gatehouse.provider.bedrock;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.aws.EventStreamMessage;
import dev.gatehouse.aws.EventStreamReader;
import dev.gatehouse.http.UpstreamResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;

/**
 * A {@link ChatStream} over ConverseStream's event-stream body: reads messages as the caller
 * asks for chunks, so nothing is buffered ahead of the caller; closing it closes the upstream
 * connection, and any failure (a corrupt frame included) closes it too.
 */
final class BedrockChatStream implements ChatStream {

    private final UpstreamResponse response;
    private final EventStreamReader reader;
    private final BedrockStreamDecoder decoder;
    private final Deque<ChatChunk> ready = new ArrayDeque<>();
    private boolean ended;
    private boolean closed;

    BedrockChatStream(UpstreamResponse response, BedrockStreamDecoder decoder) {
        this.response = response;
        this.reader = new EventStreamReader(response.body(), "Bedrock");
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

    private void fill() {
        try {
            while (ready.isEmpty() && !ended && !closed) {
                EventStreamMessage message = decoder.finished() ? null : reader.next();
                if (message == null) {
                    ended = true;
                    ready.addAll(decoder.onEnd());
                } else {
                    ready.addAll(decoder.onMessage(message));
                }
            }
        } catch (IOException e) {
            close();
            throw UpstreamResponse.readFailure(e, "the Bedrock stream broke off");
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
