package dev.gatehouse.testkit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What Anthropic refuses in a request with thinking on
 * (https://platform.claude.com/docs/en/build-with-claude/extended-thinking, "Feature
 * compatibility" and "Preserving thinking blocks"): a temperature other than 1, {@code top_k},
 * a {@code top_p} below 0.95, forced tool use, a prefilled answer, and a tool result whose
 * assistant turn does not begin with its thinking block. Thinking blocks sent back must carry
 * the signature the fake issued for that very text, and redacted blocks the data it issued, as
 * the API checks signatures. Only the fake's own values ({@code sig_fake_…},
 * {@code redacted_fake_…}) are checked: tests that write a conversation by hand use others.
 */
final class ThinkingRules {

    private ThinkingRules() {}

    /**
     * @param issued what the fake has issued: signature → thinking text, and redacted data → ""
     */
    static void check(JsonNode body, Map<String, String> issued) {
        JsonNode messages = body.path("messages");
        checkSignatures(messages, issued);
        String type = body.path("thinking").path("type").asText();
        if (!type.equals("enabled") && !type.equals("adaptive")) {
            return;
        }
        if (body.has("temperature") && body.get("temperature").asDouble() != 1.0) {
            throw Refusal.invalid("`temperature` may only be set to 1 when thinking is enabled or in adaptive mode");
        }
        if (body.has("top_k")) {
            throw Refusal.invalid("`top_k` must be unset when thinking is enabled or in adaptive mode");
        }
        if (body.has("top_p") && body.get("top_p").asDouble() < 0.95) {
            throw Refusal.invalid("`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled");
        }
        String choice = body.path("tool_choice").path("type").asText();
        if (choice.equals("any") || choice.equals("tool")) {
            throw Refusal.invalid("Thinking may not be enabled when tool_choice forces tool use.");
        }
        int last = messages.size() - 1;
        if (last < 0) {
            return;
        }
        if (messages.get(last).path("role").asText().equals("assistant")) {
            throw Refusal.invalid("messages." + last + ": a final assistant message (prefill) is not supported when thinking is enabled");
        }
        boolean answersTools = false;
        for (JsonNode block : messages.get(last).path("content")) {
            answersTools |= block.path("type").asText().equals("tool_result");
        }
        if (answersTools && last >= 1) {
            String first = messages.get(last - 1).path("content").path(0).path("type").asText();
            if (!first.equals("thinking") && !first.equals("redacted_thinking")) {
                throw Refusal.invalid("messages." + (last - 1) + ".content.0.type: Expected `thinking` or "
                        + "`redacted_thinking`, but found `" + first + "`. When `thinking` is enabled, a final "
                        + "`assistant` message must start with a thinking block (preceeding the lastmost set of "
                        + "`tool_use` and `tool_result` blocks).");
            }
        }
    }

    private static void checkSignatures(JsonNode messages, Map<String, String> issued) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).path("content");
            for (int j = 0; j < content.size(); j++) {
                JsonNode block = content.get(j);
                String at = "messages." + i + ".content." + j;
                switch (block.path("type").asText()) {
                    case "thinking" -> {
                        String signature = block.path("signature").asText();
                        String text = issued.get(signature);
                        if (signature.startsWith("sig_fake_") && (text == null || !text.equals(block.path("thinking").asText()))) {
                            throw Refusal.invalid(at + ": Invalid `signature` in `thinking` block");
                        }
                    }
                    case "redacted_thinking" -> {
                        String data = block.path("data").asText();
                        if (data.startsWith("redacted_fake_") && !"".equals(issued.get(data))) {
                            throw Refusal.invalid(at + ": Invalid `data` in `redacted_thinking` block");
                        }
                    }
                    default -> { }
                }
            }
        }
    }
}
