package dev.gatehouse.testkit.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * What Claude on Bedrock refuses in a Converse request with thinking on (Anthropic's
 * {@code thinking} in {@code additionalModelRequestFields};
 * https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html):
 * a budget below 1024 or not below {@code maxTokens}, a temperature other than 1, {@code top_k},
 * a {@code topP} below 0.95, forced tool use, and a tool result whose assistant turn does not
 * begin with its reasoning. Reasoning sent back must carry the signature the fake issued for that
 * very text, as Claude checks signatures; only the fake's own signatures ({@code sig_fake_…})
 * are checked, since tests that write a conversation by hand use others.
 */
final class ConverseThinkingRules {

    private ConverseThinkingRules() {}

    /** @param issued signature → its reasoning text, redacted data → "" */
    static Optional<String> check(JsonNode body, Map<String, String> issued) {
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            for (JsonNode block : messages.get(i).path("content")) {
                JsonNode reasoning = block.get("reasoningContent");
                if (reasoning == null) {
                    continue;
                }
                if (!messages.get(i).path("role").asText().equals("assistant")) {
                    return Optional.of("messages." + i + ": reasoningContent is taken in assistant messages only.");
                }
                if (!reasoning.has("redactedContent")) {
                    JsonNode text = reasoning.path("reasoningText");
                    String signature = text.path("signature").asText();
                    String signed = issued.get(signature);
                    if (signature.startsWith("sig_fake_") && (signed == null || !signed.equals(text.path("text").asText()))) {
                        return Optional.of("messages." + i + ": Invalid `signature` in `thinking` block.");
                    }
                }
            }
        }
        JsonNode thinking = body.path("additionalModelRequestFields").path("thinking");
        String type = thinking.path("type").asText();
        if (!type.equals("enabled") && !type.equals("adaptive")) {
            return Optional.empty();
        }
        JsonNode inference = body.path("inferenceConfig");
        if (type.equals("enabled")) {
            long budget = thinking.path("budget_tokens").asLong(-1);
            if (budget < 1024 || !inference.has("maxTokens") || budget >= inference.get("maxTokens").asLong()) {
                return Optional.of("thinking.budget_tokens: must be at least 1024 and less than max_tokens.");
            }
        }
        if (inference.has("temperature") && inference.get("temperature").asDouble() != 1.0) {
            return Optional.of("`temperature` may only be set to 1 when thinking is enabled.");
        }
        if (inference.has("topP") && inference.get("topP").asDouble() < 0.95) {
            return Optional.of("`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled.");
        }
        if (body.path("additionalModelRequestFields").has("top_k")) {
            return Optional.of("`top_k` must be unset when thinking is enabled.");
        }
        JsonNode choice = body.path("toolConfig").path("toolChoice");
        if (choice.has("any") || choice.has("tool")) {
            return Optional.of("Thinking may not be enabled when tool_choice forces tool use.");
        }
        int last = messages.size() - 1;
        boolean answersTools = false;
        for (JsonNode block : messages.path(last).path("content")) {
            answersTools |= block.has("toolResult");
        }
        if (answersTools && last >= 1 && !messages.get(last - 1).path("content").path(0).has("reasoningContent")) {
            return Optional.of("messages." + (last - 1) + ".content.0: Expected `thinking` or `redacted_thinking`, "
                    + "but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start "
                    + "with a thinking block.");
        }
        return Optional.empty();
    }
}
