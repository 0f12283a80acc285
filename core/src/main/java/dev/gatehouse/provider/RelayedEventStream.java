package dev.gatehouse.provider;

import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.http.SseReader;
import dev.gatehouse.http.UpstreamResponse;
import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * An upstream's server-sent events as they come, for the paths that relay a provider's own API
 * as written (Anthropic's Messages, OpenAI's Responses). Nothing is decoded but what tells the
 * last event ({@code isLast}): these APIs send no {@code [DONE]}, so a body that ends before its
 * last event is a broken stream, not a finished one.
 */
public final class RelayedEventStream implements EventStream<ServerSentEvent> {

    private final UpstreamResponse response;
    private final SseReader reader;
    private final String stream;
    private final String lastEvent;
    private final Predicate<ServerSentEvent> isLast;
    private ServerSentEvent pending;
    private boolean finished;
    private boolean closed;

    /**
     * @param stream    what the stream is, for errors ("Anthropic's stream")
     * @param lastEvent what its last event is, for errors ("message_stop")
     * @param isLast    whether an event is the last one
     */
    public RelayedEventStream(UpstreamResponse response, String stream, String lastEvent,
            Predicate<ServerSentEvent> isLast) {
        this.response = response;
        this.reader = new SseReader(response.body(), response.limits());
        this.stream = stream;
        this.lastEvent = lastEvent;
        this.isLast = isLast;
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
            throw UpstreamResponse.readFailure(e, stream + " broke off");
        }
        if (pending == null) {
            close();
            throw new GatewayException.TransportFailure(stream + " ended before " + lastEvent, null);
        }
        finished = isLast.test(pending);
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
