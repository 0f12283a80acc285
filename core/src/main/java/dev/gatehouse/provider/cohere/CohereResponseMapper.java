package dev.gatehouse.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Cohere's chat response ({@code ChatResponseV2}: {@code id}, {@code finish_reason},
 * {@code message}, {@code usage}) → an OpenAI {@code chat.completion}. Text blocks are joined
 * into the answer; {@code tool_calls} keep their shape; {@code thinking} blocks and the
 * {@code tool_plan} (the model's plan before calling tools) become {@code reasoning_content}.
 * Citations have no OpenAI field and are left out. Cohere's answer names no model: the
 * requested one is used.
 */
final class CohereResponseMapper {

    private CohereResponseMapper() {}

    static ChatResponse toChatResponse(JsonNode body, String model, long created) {
        String id = Json.textOrNull(body, "id");
        JsonNode message = body.get("message");
        if (id == null || message == null || !message.isObject()) {
            throw new GatewayException.UpstreamServerError("Cohere returned an answer without an id or message", 0,
                    Json.text(body));
        }
        String finish = Json.textOrNull(body, "finish_reason");
        if ("ERROR".equals(finish)) {
            throw new GatewayException.UpstreamServerError("Cohere's generation failed", 0, Json.text(body));
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String plan = Json.textOrNull(message, "tool_plan");
        if (plan != null) {
            reasoning.append(plan);
        }
        boolean sawText = false;
        for (JsonNode block : message.path("content")) {
            switch (String.valueOf(Json.textOrNull(block, "type"))) {
                case "text" -> {
                    sawText = true;
                    text.append(block.path("text").asText(""));
                }
                case "thinking" -> reasoning.append(block.path("thinking").asText(""));
                default -> { }
            }
        }
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            String arguments = Json.textOrNull(function, "arguments");
            calls.add(new ToolCall(call.path("id").asText(), function.path("name").asText(),
                    arguments == null ? "{}" : arguments));
        }
        String answer = sawText || calls.isEmpty() ? text.toString() : null;
        Message.Assistant assistant = new Message.Assistant(answer, calls, null,
                reasoning.isEmpty() ? null : reasoning.toString(), null);
        return new ChatResponse(id, created, model,
                List.of(new ChatResponse.Choice(0, assistant, finishReason(finish))), usage(body.get("usage")), null);
    }

    /**
     * Cohere's {@code finish_reason} (ChatFinishReason in Cohere's OpenAPI) in OpenAI's terms.
     * {@code TIMEOUT} (the generation hit Cohere's time limit) is an unfinished answer, like
     * {@code length}. A value added later passes as it came.
     */
    static FinishReason finishReason(String reason) {
        if (reason == null) {
            return FinishReason.STOP;
        }
        return switch (reason) {
            case "COMPLETE", "STOP_SEQUENCE" -> FinishReason.STOP;
            case "MAX_TOKENS", "TIMEOUT" -> FinishReason.LENGTH;
            case "TOOL_CALL" -> FinishReason.TOOL_CALLS;
            default -> FinishReason.of(reason.toLowerCase(java.util.Locale.ROOT));
        };
    }

    /**
     * {@code usage.tokens} (what the model read and wrote) in OpenAI's terms, with
     * {@code billed_units} as the fallback when tokens are absent; {@code cached_tokens} are
     * OpenAI's cached tokens. Null when there is no usage.
     */
    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        JsonNode counts = usage.path("tokens").isObject() ? usage.get("tokens") : usage.path("billed_units");
        Integer cached = Json.intOrNull(usage, "cached_tokens");
        return new Usage(count(counts, "input_tokens"), count(counts, "output_tokens"), cached, null, null);
    }

    private static int count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asInt() : 0;
    }
}
