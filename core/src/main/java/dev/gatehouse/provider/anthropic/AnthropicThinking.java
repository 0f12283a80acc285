package dev.gatehouse.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ClaudeThinking;
import dev.gatehouse.provider.ReasoningEffort;
import dev.gatehouse.provider.UnsupportedParams;
import java.util.Optional;

/**
 * The canonical {@code reasoning_effort} as Anthropic's {@code thinking} (and
 * {@code output_config.effort}), per {@link ClaudeThinking}, and the rules Anthropic sets for a
 * request with thinking on (https://platform.claude.com/docs/en/build-with-claude/extended-thinking,
 * "Feature compatibility"): no temperature but 1, no {@code top_k}, {@code top_p} only between
 * 0.95 and 1, no forced tool use, no prefilled answer. Each is refused naming it, or dropped
 * when the deployment drops unsupported parameters.
 */
final class AnthropicThinking {

    private AnthropicThinking() {}

    /**
     * The thinking {@code reasoning_effort} asks for; empty when it is absent or leaves thinking
     * off. A request with both {@code reasoning_effort} and Anthropic's own {@code thinking} is
     * refused: they would say two things.
     */
    static Optional<ClaudeThinking.Setting> setting(ChatRequest request, UnsupportedParams unsupported) {
        Optional<ReasoningEffort> effort = ReasoningEffort.of(request);
        if (effort.isEmpty()) {
            return Optional.empty();
        }
        JsonNode thinking = request.extensions().get("thinking");
        if (thinking != null && !thinking.isNull()) {
            throw UnsupportedParams.invalid(ReasoningEffort.PARAM, "send reasoning_effort or thinking, not both");
        }
        return ClaudeThinking.setting(effort.get(), request.model(), unsupported);
    }

    /** Whether the caller passed Anthropic's own {@code thinking}, turned on. */
    static boolean passedThrough(ChatRequest request) {
        return isOn(request.extensions().get("thinking"));
    }

    /**
     * Whether the conversation continues a tool call whose assistant turn has no thinking block
     * (its reasoning came back without a signature, or from another provider). Anthropic refuses
     * such a turn with thinking on, and a tool loop can not switch thinking on midway: the request
     * then goes without thinking, as if no effort had been asked (docs/agents.md).
     */
    static boolean continuesUnsignedToolCall(ArrayNode messages) {
        if (messages.isEmpty() || !messages.get(messages.size() - 1).path("role").asText().equals("user")) {
            return false;
        }
        boolean answersTools = false;
        for (JsonNode block : messages.get(messages.size() - 1).path("content")) {
            answersTools |= block.path("type").asText().equals("tool_result");
        }
        if (!answersTools || messages.size() < 2) {
            return false;
        }
        JsonNode first = messages.get(messages.size() - 2).path("content").path(0);
        String type = first.path("type").asText();
        return !type.equals("thinking") && !type.equals("redacted_thinking");
    }

    /** Sets the thinking (when {@code setting} has one) and applies the rules of a request with thinking on. */
    static void apply(ObjectNode body, Optional<ClaudeThinking.Setting> setting, Integer trailingAssistant,
            UnsupportedParams unsupported) {
        setting.ifPresent(s -> {
            body.set("thinking", s.thinking());
            if (s.effort() != null) {
                ObjectNode outputConfig = body.has("output_config") ? (ObjectNode) body.get("output_config")
                        : body.putObject("output_config");
                outputConfig.put("effort", s.effort());
            }
        });
        if (!isOn(body.get("thinking"))) {
            return;
        }
        if (trailingAssistant != null) {
            throw UnsupportedParams.invalid("messages[" + trailingAssistant + "]",
                    "Claude can not continue a final assistant message with thinking on");
        }
        JsonNode temperature = body.get("temperature");
        if (temperature != null && temperature.asDouble() != 1.0) {
            body.remove("temperature");
            unsupported.reject("temperature", "Claude takes no temperature but 1 with thinking on");
        }
        if (body.has("top_k")) {
            body.remove("top_k");
            unsupported.reject("top_k", "Claude takes no top_k with thinking on");
        }
        JsonNode topP = body.get("top_p");
        if (topP != null && topP.asDouble() < 0.95) {
            body.remove("top_p");
            unsupported.reject("top_p", "Claude takes a top_p between 0.95 and 1 with thinking on");
        }
        JsonNode choice = body.get("tool_choice");
        String type = choice == null ? "" : choice.path("type").asText();
        if (type.equals("any") || type.equals("tool")) {
            unsupported.reject("tool_choice", "Claude can not be made to call a tool with thinking on");
            ObjectNode auto = Json.object().put("type", "auto");
            if (choice.has("disable_parallel_tool_use")) {
                auto.set("disable_parallel_tool_use", choice.get("disable_parallel_tool_use"));
            }
            body.set("tool_choice", auto);
        }
    }

    private static boolean isOn(JsonNode thinking) {
        if (thinking == null || !thinking.isObject()) {
            return false;
        }
        String type = thinking.path("type").asText();
        return type.equals("enabled") || type.equals("adaptive");
    }
}
