package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.SseEncoder;
import dev.gatehouse.server.http.SseOut;
import dev.gatehouse.server.http.StreamTexts;
import dev.gatehouse.server.spend.SpendTicket;
import dev.gatehouse.server.telemetry.GenAiFacts;
import java.io.IOException;

/**
 * Anthropic's own stream, relayed as the upstream wrote it: each event goes on unchanged, and the
 * usage that {@code message_start} and {@code message_delta} carry (and the text of the deltas,
 * should the final usage never come) is read on the way for the spend ticket, which learns it
 * once the stream is over, however it ended.
 */
final class AnthropicSse implements SseEncoder<ServerSentEvent> {

    private final SpendTicket ticket;
    private final GenAiFacts facts;
    private final AnthropicUsage usage = new AnthropicUsage();

    AnthropicSse(SpendTicket ticket, GenAiFacts facts) {
        this.ticket = ticket;
        this.facts = facts;
    }

    @Override
    public void event(ServerSentEvent event, SseOut out) throws IOException {
        if ("message_start".equals(event.name())) {
            JsonNode message = Json.parseUpstream(event.data(), "Anthropic").path("message");
            usage.add(message.get("usage"));
            GenAi.anthropicMessage(facts, message);
        } else if ("message_delta".equals(event.name())) {
            JsonNode delta = Json.parseUpstream(event.data(), "Anthropic");
            usage.add(delta.get("usage"));
            GenAi.anthropicMessage(facts, delta.get("delta"));
        } else if ("content_block_delta".equals(event.name())) {
            usage.delta(event.data());
        }
        out.eventLines(event.name(), event.data());
    }

    @Override
    public void end(SseOut out) {
        // Anthropic's stream ends with its own message_stop, relayed like any event.
    }

    @Override
    public void unsent(ServerSentEvent event) {
        usage.delta(event.data());
    }

    @Override
    public StreamTexts<ServerSentEvent> texts() {
        return AnthropicTexts.INSTANCE;
    }

    @Override
    public void fail(GatewayException failure, String requestId, SseOut out) throws IOException {
        TranslatedMessagesSse.writeError(failure, requestId, out);
    }

    @Override
    public void closed() {
        ticket.usage(usage.usage());
        ticket.generated(usage::streamedText);
        facts.completion(usage::streamedText);
    }
}
