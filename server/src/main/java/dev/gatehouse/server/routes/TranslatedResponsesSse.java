package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.responses.ResponsesStreamEncoder;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.SseEncoder;
import dev.gatehouse.server.http.SseOut;
import dev.gatehouse.server.http.StreamTexts;
import dev.gatehouse.server.spend.SpendTicket;
import dev.gatehouse.server.telemetry.GenAiFacts;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A chat stream written as the Responses API's events ({@link ResponsesStreamEncoder}), for a model
 * that does not speak it; each chunk's text and usage go to the spend ticket. A stream that ran to
 * its end ({@code response.completed} or {@code response.incomplete}) is kept when the request
 * said {@code store}; a failure after the start is {@code response.failed}, and is not kept.
 */
final class TranslatedResponsesSse implements SseEncoder<ChatChunk> {

    private final SpendTicket ticket;
    private final GenAiFacts facts;
    private final ResponsesStreamEncoder encoder;
    private final Consumer<ObjectNode> keep;

    TranslatedResponsesSse(SpendTicket ticket, GenAiFacts facts, ResponsesStreamEncoder encoder,
            Consumer<ObjectNode> keep) {
        this.ticket = ticket;
        this.facts = facts;
        this.encoder = encoder;
        this.keep = keep;
    }

    @Override
    public void event(ChatChunk chunk, SseOut out) throws IOException {
        ticket.streamed(chunk);
        GenAi.streamed(facts, chunk);
        write(encoder.onChunk(chunk), out);
    }

    @Override
    public void end(SseOut out) throws IOException {
        List<ResponsesStreamEncoder.Event> last = encoder.finish();
        // Kept before the caller can read the end: its next request may continue this one at once.
        keep.accept(encoder.finalResponse());
        write(last, out);
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
        write(encoder.fail(failure), out);
    }

    private static void write(List<ResponsesStreamEncoder.Event> events, SseOut out) throws IOException {
        for (ResponsesStreamEncoder.Event event : events) {
            out.event(event.type(), Json.bytes(event.data()));
        }
    }
}
