package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.StreamTexts;
import java.util.Map;
import java.util.Set;

/**
 * The answer text of Anthropic's own stream, for the guardrails: each content block's
 * {@code text_delta}s are a channel (the block's {@code index}), ended by its
 * {@code content_block_stop}. Thinking and tool input ({@code input_json_delta}) are not checked;
 * Anthropic's stream repeats no text in full
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming).
 */
final class AnthropicTexts implements StreamTexts<ServerSentEvent> {

    static final AnthropicTexts INSTANCE = new AnthropicTexts();

    private static final Set<String> ENDS_ALL = Set.of("message_delta", "message_stop", "error");

    private AnthropicTexts() {}

    @Override
    public Map<Integer, String> texts(ServerSentEvent event) {
        if (!"content_block_delta".equals(event.name())) {
            return Map.of();
        }
        JsonNode data = Json.parseUpstream(event.data(), "Anthropic");
        JsonNode delta = data.path("delta");
        if (!"text_delta".equals(delta.path("type").asText()) || !delta.path("text").isTextual()) {
            return Map.of();
        }
        return Map.of(data.path("index").asInt(), delta.get("text").asText());
    }

    @Override
    public ServerSentEvent withTexts(ServerSentEvent event, Map<Integer, String> texts) {
        JsonNode data = Json.parseUpstream(event.data(), "Anthropic");
        String text = texts.get(data.path("index").asInt());
        if (text == null || !(data.path("delta") instanceof ObjectNode delta)) {
            return event;
        }
        delta.put("text", text);
        return new ServerSentEvent(event.name(), Json.text(data));
    }

    @Override
    public Set<Integer> ends(ServerSentEvent event) {
        if (!"content_block_stop".equals(event.name())) {
            return Set.of();
        }
        return Set.of(Json.parseUpstream(event.data(), "Anthropic").path("index").asInt());
    }

    /** The message's end ({@code message_delta}, {@code message_stop}) or an error ends every block. */
    @Override
    public boolean endsAll(ServerSentEvent event) {
        return ENDS_ALL.contains(String.valueOf(event.name()));
    }

    @Override
    public ServerSentEvent more(ServerSentEvent like, int channel, String text) {
        return withTexts(like, Map.of(channel, text));
    }
}
