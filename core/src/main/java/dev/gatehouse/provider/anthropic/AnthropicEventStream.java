package dev.gatehouse.provider.anthropic;

import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.EventStream;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.SseReader;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.provider.NativeMessages;
import java.io.IOException;
import java.util.NoSuchElementException;

/**
 * Anthropic's stream events as they come, for the native path: nothing is decoded but the
 * event names, to know where the message ends ({@code message_stop}, or an {@code error}
 * event). A body that ends before either is a broken stream, as in {@link AnthropicStreamDecoder}.
 */
final class AnthropicEventStream implements EventStream<ServerSentEvent> {

    private final UpstreamResponse response;
    private final SseReader reader;
    private ServerSentEvent pending;
    private boolean finished;
    private boolean closed;

    AnthropicEventStream(UpstreamResponse response) {
        this.response = response;
        this.reader = new SseReader(response.body(), response.limits());
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (finished || closed) {
            return false;
        }
        try {
            pending = reader.next();
        } catch (IOException e) {
            close();
            throw UpstreamResponse.readFailure(e, "Anthropic's stream broke off");
        }
        if (pending == null) {
            close();
            throw new GatewayException.TransportFailure("Anthropic's stream ended before message_stop", null);
        }
        String name = pending.name() == null ? "" : pending.name();
        finished = name.equals("message_stop") || name.equals("error");
        return true;
    }

    @Override
    public ServerSentEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        ServerSentEvent event = pending;
        pending = null;
        return event;
    }

    @Override
    public boolean nextIsReady() {
        return pending != null || (!finished && !closed && reader.hasBufferedInput());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            response.close();
        }
    }
}
