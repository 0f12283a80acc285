package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.server.spend.SpendTicket;
import java.util.function.Consumer;

/**
 * What a model route's call produced, for the pipeline to write: a whole JSON answer with what it
 * spent, or a stream of events with how to write them. Stages see it after the call, before it
 * is written.
 */
public sealed interface Answer {

    /**
     * A whole answer.
     *
     * @param body  the JSON written with status 200
     * @param spent tells the spend ticket what the answer used (usage, images)
     */
    record Whole(JsonNode body, Consumer<SpendTicket> spent) implements Answer {}

    /** A streamed answer: its events, and how each is written (and charged) as server-sent events. */
    record Streamed<T>(EventStream<T> events, SseEncoder<T> encoder) implements Answer {}

    static Answer json(JsonNode body, Consumer<SpendTicket> spent) {
        return new Whole(body, spent);
    }

    static Answer json(JsonNode body) {
        return new Whole(body, ticket -> {});
    }

    static <T> Answer stream(EventStream<T> events, SseEncoder<T> encoder) {
        return new Streamed<>(events, encoder);
    }
}
