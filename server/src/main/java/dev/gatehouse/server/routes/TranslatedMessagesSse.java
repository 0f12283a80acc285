package dev.gatehouse.server.routes;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.anthropic.MessagesStreamEncoder;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.SseEncoder;
import dev.gatehouse.server.http.SseOut;
import dev.gatehouse.server.http.StreamTexts;
import dev.gatehouse.server.spend.SpendTicket;
import dev.gatehouse.server.telemetry.GenAiFacts;
import java.io.IOException;
import java.util.List;

/**
 * A chat stream written as Anthropic's events ({@link MessagesStreamEncoder}), for a model that
 * does not speak Anthropic's API; each chunk's text and usage go to the spend ticket. A failure
 * after the start is an {@code event: error}, as Anthropic sends it.
 */
final class TranslatedMessagesSse implements SseEncoder<ChatChunk> {

    private final SpendTicket ticket;
    private final GenAiFacts facts;
    private final MessagesStreamEncoder encoder;

    TranslatedMessagesSse(SpendTicket ticket, GenAiFacts facts, String model) {
        this.ticket = ticket;
        this.facts = facts;
        this.encoder = new MessagesStreamEncoder(model);
    }

    @Override
    public void event(ChatChunk chunk, SseOut out) throws IOException {
        ticket.streamed(chunk);
        GenAi.streamed(facts, chunk);
        write(encoder.onChunk(chunk), out);
    }

    @Override
    public void end(SseOut out) throws IOException {
        write(encoder.finish(), out);
    }

    @Override
    public void unsent(ChatChunk event) {
        ticket.streamed(event);
    }

    @Override
    public StreamTexts<ChatChunk> texts() {
        return ChatChunkTexts.INSTANCE;
    }

    @Override
    public void fail(GatewayException failure, String requestId, SseOut out) throws IOException {
        writeError(failure, requestId, out);
    }

    /** Anthropic's {@code event: error}, on both Messages streams. */
    static void writeError(GatewayException failure, String requestId, SseOut out) throws IOException {
        write(List.of(MessagesStreamEncoder.error(failure, requestId)), out);
    }

    private static void write(List<MessagesStreamEncoder.Event> events, SseOut out) throws IOException {
        for (MessagesStreamEncoder.Event event : events) {
            out.event(event.name(), Json.bytes(event.data()));
        }
    }
}
