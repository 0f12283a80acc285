package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A {@code text_completion} object (https://platform.openai.com/docs/api-reference/completions/object)
 * → a chat answer: each choice's {@code text} becomes its assistant message, its {@code finish_reason}
 * (stop, length, content_filter) stays as it came; {@code usage} is read as chat's. Log probabilities
 * are not asked for ({@link TextCompletionFields}), so there are none to carry.
 */
final class TextCompletionResponseMapper {

    private TextCompletionResponseMapper() {}

    static ChatResponse toChatResponse(JsonNode body, String upstream) {
        JsonNode choices = body.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw new GatewayException.UpstreamServerError(upstream + " answered a completion without choices", 0,
                    Json.text(body));
        }
        List<ChatResponse.Choice> out = new ArrayList<>(choices.size());
        for (JsonNode choice : choices) {
            out.add(new ChatResponse.Choice(choice.path("index").asInt(out.size()),
                    Message.Assistant.of(choice.path("text").asText("")),
                    FinishReason.of(Json.textOrNull(choice, "finish_reason"))));
        }
        out.sort(Comparator.comparingInt(ChatResponse.Choice::index));
        String id = Json.textOrNull(body, "id");
        return new ChatResponse(id == null || id.isEmpty() ? "cmpl-" + UUID.randomUUID() : id,
                body.path("created").asLong(0), body.path("model").asText(""), out, usage(body.get("usage")),
                Json.textOrNull(body, "system_fingerprint"));
    }

    /** The usage object of an answer or of a stream's last chunk; null when absent. */
    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        return Usage.of(usage.path("prompt_tokens").asInt(0), usage.path("completion_tokens").asInt(0));
    }
}
