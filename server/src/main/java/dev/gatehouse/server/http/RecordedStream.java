package dev.gatehouse.server.http;

import dev.gatehouse.api.EventStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stream that keeps the events it relays and hands them over once it has ended normally (its
 * upstream said it was done): for the response cache to keep the whole answer. A stream that
 * fails, or whose caller leaves, never reaches its end, so nothing of it is handed over. Past
 * {@link #MAX_EVENTS} it stops keeping them: such an answer is larger than a cache keeps anyway.
 */
final class RecordedStream<T> implements EventStream<T> {

    static final int MAX_EVENTS = 50_000;

    private final EventStream<T> events;
    private final Consumer<List<T>> ended;
    private List<T> seen = new ArrayList<>();
    private boolean done;

    RecordedStream(EventStream<T> events, Consumer<List<T>> ended) {
        this.events = events;
        this.ended = ended;
    }

    @Override
    public boolean hasNext() {
        boolean more = events.hasNext();
        if (!more && !done) {
            done = true;
            if (seen != null) {
                ended.accept(seen);
            }
        }
        return more;
    }

    @Override
    public T next() {
        T event = events.next();
        if (seen != null) {
            if (seen.size() >= MAX_EVENTS) {
                seen = null;
            } else {
                seen.add(event);
            }
        }
        return event;
    }

    @Override
    public boolean nextIsReady() {
        return events.nextIsReady();
    }

    @Override
    public void close() {
        events.close();
    }
}
