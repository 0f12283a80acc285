package dev.gatehouse.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic's Messages response → an OpenAI Chat Completions response.
 *
 * <ul>
 *   <li>{@code text} blocks are joined, in order and without separator, into {@code content}
 *       (null when the answer only calls tools).</li>
 *   <li>{@code tool_use} blocks become {@code tool_calls}: same id and name, {@code arguments}
 *       the JSON text of {@code input}.</li>
 *   <li>{@code thinking} blocks are joined into {@code reasoning_content}, the field
 *       OpenAI-compatible reasoning models use; their signatures and the
 *       {@code redacted_thinking} blocks (encrypted, nothing readable) are kept in the
 *       reasoning signature ({@link ReasoningSignature}), so that they can go back on the next
 *       turn. Server-tool blocks are left out.</li>
 * </ul>
 */
final class AnthropicResponseMapper {

    private AnthropicResponseMapper() {}

    /** The response, stamped with the current time (Anthropic's answer carries none). */
    static ChatResponse toChatResponse(JsonNode message) {
        return toChatResponse(message, Instant.now().getEpochSecond());
    }

    static ChatResponse toChatResponse(JsonNode message, long created) {
        String id = Json.textOrNull(message, "id");
        JsonNode content = message.get("content");
        if (id == null || content == null || !content.isArray()) {
            throw new GatewayException.UpstreamServerError(
                    "Anthropic returned a message without an id or content", 0, Json.text(message));
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        boolean sawText = false;
        List<ToolCall> toolCalls = new ArrayList<>();
        List<ReasoningSignature.Block> reasoningBlocks = new ArrayList<>();
        for (JsonNode block : content) {
            switch (String.valueOf(Json.textOrNull(block, "type"))) {
                case "text" -> {
                    sawText = true;
                    text.append(block.path("text").asText(""));
                }
                case "thinking" -> {
                    String thinking = block.path("thinking").asText("");
                    reasoning.append(thinking);
                    reasoningBlocks.add(new ReasoningSignature.Thinking(thinking, Json.textOrNull(block, "signature")));
                }
                case "redacted_thinking" -> reasoningBlocks.add(new ReasoningSignature.Redacted(Json.textOrNull(block, "data")));
                case "tool_use" -> toolCalls.add(new ToolCall(block.path("id").asText(), block.path("name").asText(),
                        Json.text(block.path("input").isObject() ? block.get("input") : Json.object())));
                default -> { } // server tools, fallback markers: nothing an OpenAI caller reads.
            }
        }
        String answer = sawText || toolCalls.isEmpty() ? text.toString() : null;
        Message.Assistant assistant = new Message.Assistant(answer, toolCalls, null,
                reasoning.isEmpty() ? null : reasoning.toString(), null, ReasoningSignature.encode(reasoningBlocks));
        FinishReason finish = finishReason(Json.textOrNull(message, "stop_reason"));
        String model = Json.textOrNull(message, "model");
        return new ChatResponse(id, created, model == null ? "" : model,
                List.of(new ChatResponse.Choice(0, assistant, finish)), usage(message.get("usage")), null);
    }

    /**
     * Anthropic's {@code stop_reason} in OpenAI's terms (https://platform.claude.com/docs/en/build-with-claude/handling-stop-reasons).
     * {@code pause_turn} (a server-tool loop paused; the answer is incomplete and the caller
     * continues by sending it back) becomes {@code length}: like a cut-off answer, it is
     * unfinished, and OpenAI has no closer word. A value Anthropic adds later is passed on as
     * it came rather than mislabelled.
     */
    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded", "pause_turn" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.of(stopReason);
        };
    }

    /**
     * Anthropic's usage in OpenAI's terms. Anthropic's {@code input_tokens} leaves out cached
     * input, so the prompt is the sum of {@code input_tokens}, {@code cache_creation_input_tokens}
     * and {@code cache_read_input_tokens}; cache reads are OpenAI's cached tokens and cache writes
     * are kept apart. {@code output_tokens} includes thinking; {@code output_tokens_details.thinking_tokens}
     * is the reasoning part. Null when Anthropic gave no usage.
     */
    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        Integer cacheRead = Json.intOrNull(usage, "cache_read_input_tokens");
        Integer cacheWrite = Json.intOrNull(usage, "cache_creation_input_tokens");
        int prompt = count(usage, "input_tokens") + (cacheRead == null ? 0 : cacheRead) + (cacheWrite == null ? 0 : cacheWrite);
        Integer thinking = Json.intOrNull(usage.get("output_tokens_details"), "thinking_tokens");
        return new Usage(prompt, count(usage, "output_tokens"), cacheRead, cacheWrite, thinking);
    }

    private static int count(JsonNode usage, String field) {
        Integer value = Json.intOrNull(usage, field);
        return value == null ? 0 : value;
    }
}
