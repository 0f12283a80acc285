package dev.gatehouse.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ClaudeThinking;
import dev.gatehouse.provider.ReasoningEffort;
import dev.gatehouse.provider.UnsupportedParams;
import java.util.Locale;
import java.util.Optional;

/**
 * The canonical {@code reasoning_effort} on Bedrock. Claude's thinking goes in Converse's
 * {@code additionalModelRequestFields} as Anthropic's own {@code thinking} (and
 * {@code output_config.effort}), per {@link ClaudeThinking}
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html,
 * claude-messages-adaptive-thinking.html); the rules Claude sets for a request with thinking on
 * hold here too (no temperature but 1, no {@code top_k}, {@code top_p} at least 0.95, no forced
 * tool use, no prefill). Converse has no common reasoning setting for the other models, so
 * an effort other than {@code none} is refused for them by name.
 */
final class BedrockThinking {

    private BedrockThinking() {}

    /** The thinking {@code reasoning_effort} asks for; empty when absent or off. */
    static Optional<ClaudeThinking.Setting> setting(ChatRequest request, UnsupportedParams unsupported) {
        Optional<ReasoningEffort> effort = ReasoningEffort.of(request);
        if (effort.isEmpty() || effort.get() == ReasoningEffort.NONE) {
            return Optional.empty();
        }
        if (!request.model().toLowerCase(Locale.ROOT).contains("claude")) {
            unsupported.reject(ReasoningEffort.PARAM, "Bedrock's Converse API has no reasoning setting for "
                    + request.model() + " (Gatehouse maps reasoning_effort for Claude models)");
            return Optional.empty();
        }
        return ClaudeThinking.setting(effort.get(), request.model(), unsupported);
    }

    /**
     * Whether the conversation continues a tool call whose assistant turn does not begin with its
     * reasoning: Claude refuses that with thinking on, so the request goes without (docs/agents.md).
     */
    static boolean continuesUnsignedToolCall(ArrayNode messages) {
        if (messages.isEmpty() || !messages.get(messages.size() - 1).path("role").asText().equals("user")) {
            return false;
        }
        boolean answersTools = false;
        for (JsonNode block : messages.get(messages.size() - 1).path("content")) {
            answersTools |= block.has("toolResult");
        }
        return answersTools && messages.size() >= 2
                && !messages.get(messages.size() - 2).path("content").path(0).has("reasoningContent");
    }

    /** Sets the thinking and the output limit it needs, and applies Claude's rules with thinking on. */
    static void apply(ObjectNode body, ClaudeThinking.Setting setting, ChatRequest request, Integer defaultLimit,
            UnsupportedParams unsupported) {
        ObjectNode fields = body.has("additionalModelRequestFields")
                ? (ObjectNode) body.get("additionalModelRequestFields") : body.putObject("additionalModelRequestFields");
        fields.set("thinking", setting.thinking());
        if (setting.effort() != null) {
            fields.putObject("output_config").put("effort", setting.effort());
        }
        if (setting.budget() > 0 && !body.has("inferenceConfig")) {
            body.putObject("inferenceConfig");
        }
        ObjectNode inference = body.has("inferenceConfig") ? (ObjectNode) body.get("inferenceConfig") : Json.object();
        if (setting.budget() > 0) {
            String param = request.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
            inference.put("maxTokens", ClaudeThinking.outputLimit(setting, request.outputTokenLimit(), param,
                    defaultLimit == null ? 0 : defaultLimit));
        }
        JsonNode messages = body.path("messages");
        if (!messages.isEmpty() && messages.get(messages.size() - 1).path("role").asText().equals("assistant")) {
            throw UnsupportedParams.invalid("messages", "Claude can not continue a final assistant message with thinking on");
        }
        JsonNode temperature = inference.get("temperature");
        if (temperature != null && temperature.asDouble() != 1.0) {
            inference.remove("temperature");
            unsupported.reject("temperature", "Claude takes no temperature but 1 with thinking on");
        }
        JsonNode topP = inference.get("topP");
        if (topP != null && topP.asDouble() < 0.95) {
            inference.remove("topP");
            unsupported.reject("top_p", "Claude takes a top_p between 0.95 and 1 with thinking on");
        }
        if (fields.has("top_k")) {
            fields.remove("top_k");
            unsupported.reject("top_k", "Claude takes no top_k with thinking on");
        }
        JsonNode toolChoice = body.path("toolConfig").path("toolChoice");
        if (toolChoice.has("any") || toolChoice.has("tool")) {
            unsupported.reject("tool_choice", "Claude can not be made to call a tool with thinking on");
            ((ObjectNode) body.get("toolConfig")).remove("toolChoice");
        }
    }
}
