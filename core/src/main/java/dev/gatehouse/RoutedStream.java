package dev.gatehouse;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.routing.Attempt;
import java.util.function.UnaryOperator;

/**
 * The stream of the deployment that answered, as the caller gets it. Its first event is awaited
 * when it is made, inside the attempt: a deployment that fails before it is replaced by another,
 * as a whole request would be. Then each event passes {@code onEvent} (which names the serving
 * model, counts usage); a failure midway is counted against the deployment; closing it ends the
 * attempt, so the deployment counts as busy until then.
 */
class RoutedStream<T> implements EventStream<T> {

    private final EventStream<T> events;
    private final Attempt attempt;
    private final UnaryOperator<T> onEvent;
    private T first;

    /** Awaits {@code events}' first event; closes them and rethrows when that fails. */
    RoutedStream(EventStream<T> events, Attempt attempt, UnaryOperator<T> onEvent) {
        try {
            this.first = events.hasNext() ? events.next() : null;
        } catch (RuntimeException e) {
            events.close();
            throw e;
        }
        this.events = events;
        this.attempt = attempt.detach();
        this.onEvent = onEvent;
    }

    /** A routed chat stream: the same, as the {@link ChatStream} the library's API answers. */
    static final class Chat extends RoutedStream<ChatChunk> implements ChatStream {
        Chat(ChatStream chunks, Attempt attempt, UnaryOperator<ChatChunk> onChunk) {
            super(chunks, attempt, onChunk);
        }
    }

    @Override
    public boolean hasNext() {
        if (first != null) {
            return true;
        }
        try {
            return events.hasNext();
        } catch (GatewayException e) {
            attempt.failedMidway(e);
            throw e;
        }
    }

    @Override
    public T next() {
        T event;
        if (first != null) {
            event = first;
            first = null;
        } else {
            try {
                event = events.next();
            } catch (GatewayException e) {
                attempt.failedMidway(e);
                throw e;
            }
        }
        return onEvent.apply(event);
    }

    @Override
    public boolean nextIsReady() {
        return first != null || events.nextIsReady();
    }

    @Override
    public void close() {
        try {
            events.close();
        } finally {
            attempt.done();
        }
    }
}
