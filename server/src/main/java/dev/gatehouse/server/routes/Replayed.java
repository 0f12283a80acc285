package dev.gatehouse.server.routes;

import dev.gatehouse.api.EventStream;
import java.util.Iterator;
import java.util.List;

/** A stored answer's events, all at hand, streamed as the response cache replays them. */
final class Replayed<T> implements EventStream<T> {

    private final Iterator<T> events;

    Replayed(List<T> events) {
        this.events = events.iterator();
    }

    @Override
    public boolean hasNext() {
        return events.hasNext();
    }

    @Override
    public T next() {
        return events.next();
    }

    @Override
    public boolean nextIsReady() {
        return events.hasNext();
    }

    @Override
    public void close() {}
}
