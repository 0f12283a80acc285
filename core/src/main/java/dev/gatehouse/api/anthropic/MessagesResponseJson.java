package dev.gatehouse.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.util.List;

/**
 * A canonical response → Anthropic's Message object
 * (https://platform.claude.com/docs/en/api/messages/create, "Response"): a thinking block when
 * the answer carries reasoning, a text block for the text (or a refusal), one {@code tool_use}
 * block per tool call; {@code stop_reason} and {@code usage} in Anthropic's terms.
 *
 * <p>Reasoning is written as the blocks its signature records ({@link ReasoningSignature}): each
 * {@code thinking} block with its own text and signature, each {@code redacted_thinking} block with
 * its data, so that a client sending them back gets Claude's thinking across a tool loop even on a
 * translating adapter (Bedrock, or Anthropic with {@code native_messages: false}). Reasoning
 * without a signature (a provider that does not sign) is one thinking block with an empty
 * {@code signature}: Anthropic's clients expect the field, and a made-up one would be refused.
 */
public final class MessagesResponseJson {

    private MessagesResponseJson() {}

    public static ObjectNode write(ChatResponse response) {
        if (response.choices().isEmpty()) {
            throw new GatewayException.UpstreamServerError("the upstream returned a response without choices", 0, null);
        }
        ChatResponse.Choice choice = response.choices().getFirst();
        ObjectNode node = Json.object()
                .put("id", response.id())
                .put("type", "message")
                .put("role", "assistant")
                .put("model", response.model());
        node.set("content", content(choice.message()));
        node.put("stop_reason", stopReason(choice.finishReason(), choice.message()));
        node.putNull("stop_sequence");
        node.set("usage", usage(response.usage()));
        return node;
    }

    private static ArrayNode content(Message.Assistant message) {
        ArrayNode content = Json.array();
        reasoning(message, content);
        String text = message.content() != null && !message.content().isEmpty() ? message.content() : message.refusal();
        if (text != null && !text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        for (ToolCall call : message.toolCalls()) {
            content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                    .set("input", input(call));
        }
        return content;
    }

    private static void reasoning(Message.Assistant message, ArrayNode content) {
        String signature = message.reasoningSignature();
        if (signature == null || signature.isEmpty()) {
            if (message.reasoningContent() != null && !message.reasoningContent().isEmpty()) {
                content.addObject().put("type", "thinking").put("thinking", message.reasoningContent())
                        .put("signature", "");
            }
            return;
        }
        for (ReasoningSignature.Block block : blocks(message)) {
            switch (block) {
                case ReasoningSignature.Thinking thinking -> content.addObject().put("type", "thinking")
                        .put("thinking", thinking.text()).put("signature", thinking.signature());
                case ReasoningSignature.Redacted redacted -> content.addObject().put("type", "redacted_thinking")
                        .put("data", redacted.data());
            }
        }
    }

    private static List<ReasoningSignature.Block> blocks(Message.Assistant message) {
        try {
            return ReasoningSignature.decode(message.reasoningContent(), message.reasoningSignature());
        } catch (IllegalArgumentException e) {
            // The adapter made both from the same answer: a mismatch is the upstream's answer gone wrong.
            throw new GatewayException.UpstreamServerError("the upstream's reasoning does not match its signature: "
                    + e.getMessage(), 0, null);
        }
    }

    /** A tool call's arguments (a JSON text) as the object Anthropic's {@code input} is. */
    static JsonNode input(ToolCall call) {
        if (call.arguments().isBlank()) {
            return Json.object();
        }
        try {
            JsonNode input = Json.mapper().readTree(call.arguments());
            if (input != null && input.isObject()) {
                return input;
            }
        } catch (IOException notJson) {
            // Reported below.
        }
        throw new GatewayException.UpstreamServerError("the model called tool '" + call.name()
                + "' with arguments that are not a JSON object", 0, call.arguments());
    }

    /**
     * The canonical finish reason in Anthropic's terms
     * (https://platform.claude.com/docs/en/build-with-claude/handling-stop-reasons). A stop
     * caused by one of the caller's stop sequences can not be told from a natural end once
     * translated, so both are {@code end_turn}.
     */
    static String stopReason(FinishReason reason, Message.Assistant message) {
        if (reason == null) {
            return message != null && !message.toolCalls().isEmpty() ? "tool_use" : "end_turn";
        }
        return switch (reason.wireName()) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /**
     * Canonical usage in Anthropic's terms: Anthropic's {@code input_tokens} leaves out input
     * read from or written to the cache, which it counts apart. All zero when the upstream
     * reported nothing.
     */
    static ObjectNode usage(Usage usage) {
        ObjectNode node = Json.object();
        if (usage == null) {
            return node.put("input_tokens", 0).put("output_tokens", 0);
        }
        int cacheRead = usage.cachedTokens() == null ? 0 : usage.cachedTokens();
        int cacheWrite = usage.cacheWriteTokens() == null ? 0 : usage.cacheWriteTokens();
        node.put("input_tokens", Math.max(0, usage.promptTokens() - cacheRead - cacheWrite));
        node.put("cache_creation_input_tokens", cacheWrite);
        node.put("cache_read_input_tokens", cacheRead);
        node.put("output_tokens", usage.completionTokens());
        return node;
    }
}
