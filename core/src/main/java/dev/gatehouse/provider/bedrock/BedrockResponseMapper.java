package dev.gatehouse.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A Converse response → an OpenAI {@code chat.completion}
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax):
 * {@code output.message.content} text blocks are joined into the answer, {@code toolUse}
 * blocks become {@code tool_calls} (id, name, {@code input} as JSON text), and
 * {@code reasoningContent.reasoningText.text} becomes {@code reasoning_content}; its signature
 * and {@code reasoningContent.redactedContent} blocks go in the reasoning signature
 * ({@link ReasoningSignature}), to be sent back on the next turn. Converse's
 * answer has no id and no model: the id is made from the request id AWS sends in a header,
 * and the model is the one that was asked for.
 */
final class BedrockResponseMapper {

    private BedrockResponseMapper() {}

    static ChatResponse toChatResponse(JsonNode body, String id, String model, long created) {
        JsonNode content = body.path("output").path("message").path("content");
        if (!content.isArray()) {
            throw new GatewayException.UpstreamServerError(
                    "Bedrock returned an answer without output.message.content", 0, Json.text(body));
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        boolean sawText = false;
        List<ToolCall> calls = new ArrayList<>();
        List<ReasoningSignature.Block> reasoningBlocks = new ArrayList<>();
        for (JsonNode block : content) {
            if (block.has("text")) {
                sawText = true;
                text.append(block.path("text").asText(""));
            } else if (block.has("toolUse")) {
                JsonNode use = block.get("toolUse");
                JsonNode input = use.path("input");
                calls.add(new ToolCall(use.path("toolUseId").asText(), use.path("name").asText(),
                        Json.text(input.isObject() ? input : Json.object())));
            } else if (block.has("reasoningContent")) {
                JsonNode part = block.get("reasoningContent");
                if (part.has("redactedContent")) {
                    reasoningBlocks.add(new ReasoningSignature.Redacted(part.path("redactedContent").asText("")));
                } else {
                    String thought = part.path("reasoningText").path("text").asText("");
                    reasoning.append(thought);
                    reasoningBlocks.add(new ReasoningSignature.Thinking(thought,
                            Json.textOrNull(part.path("reasoningText"), "signature")));
                }
            }
            // image, document, citationsContent and the like: nothing an OpenAI caller reads.
        }
        String answer = sawText || calls.isEmpty() ? text.toString() : null;
        Message.Assistant assistant = new Message.Assistant(answer, calls, null,
                reasoning.isEmpty() ? null : reasoning.toString(), null, ReasoningSignature.encode(reasoningBlocks));
        return new ChatResponse(id, created, model,
                List.of(new ChatResponse.Choice(0, assistant, finishReason(Json.textOrNull(body, "stopReason")))),
                usage(body.get("usage")), null);
    }

    /**
     * Bedrock's {@code stopReason} (API_runtime_MessageStopEvent.html) in OpenAI's terms; a value
     * added later is passed on as it came rather than mislabelled.
     */
    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) {
            return FinishReason.STOP;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.of(stopReason);
        };
    }

    /**
     * Bedrock's usage (API_runtime_TokenUsage.html) in OpenAI's terms: {@code inputTokens}
     * leaves cache reads and writes out, so the prompt is their sum; cache reads are OpenAI's
     * cached tokens. Null when there is none.
     */
    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        Integer read = Json.intOrNull(usage, "cacheReadInputTokens");
        Integer write = Json.intOrNull(usage, "cacheWriteInputTokens");
        int prompt = count(usage, "inputTokens") + (read == null ? 0 : read) + (write == null ? 0 : write);
        return new Usage(prompt, count(usage, "outputTokens"), read, write, null);
    }

    private static int count(JsonNode usage, String field) {
        Integer value = Json.intOrNull(usage, field);
        return value == null ? 0 : value;
    }
}
