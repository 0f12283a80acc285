package dev.gatehouse.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Gemini {@code GenerateContentResponse} → OpenAI chat completion.
 *
 * <ul>
 *   <li>each candidate is a choice (its {@code index});
 *   <li>text parts are joined into {@code content}; parts marked {@code thought: true} into
 *       {@code reasoning_content};
 *   <li>{@code functionCall} parts become tool calls, ids from {@link GeminiToolCallIds},
 *       arguments the JSON text of {@code args};
 *   <li>{@code finishReason} per {@link GeminiFinishReasons}; usage per {@link GeminiUsage};
 *   <li>the id is {@code responseId} (a random one when Gemini gave none); the model is
 *       {@code modelVersion}, else the model the request named;
 *   <li>a prompt Gemini blocked ({@code promptFeedback.blockReason}, no candidates) is a
 *       {@link GatewayException.ContentFiltered}.
 * </ul>
 * Parts Gatehouse has no OpenAI field for (generated images, code execution results) are not
 * mapped.
 */
final class GeminiResponseMapper {

    private GeminiResponseMapper() {}

    /** What one candidate's parts say, as OpenAI fields; {@code text} and {@code reasoning} are null when absent. */
    record Parts(String text, String reasoning, List<ToolCall> toolCalls) {}

    /**
     * Maps a whole response.
     *
     * @param body         the response JSON
     * @param requestModel the upstream model the request named, used when Gemini names none
     * @param created      the {@code created} time to report, in epoch seconds
     */
    static ChatResponse toChatResponse(JsonNode body, String requestModel, long created) {
        if (GeminiErrors.isError(body)) {
            throw GeminiErrors.fromStreamEvent(body, Json.text(body));
        }
        JsonNode candidates = body.path("candidates");
        if (!candidates.isArray() || candidates.isEmpty()) {
            throw noCandidates(body);
        }
        String responseId = Json.textOrNull(body, "responseId");
        List<ChatResponse.Choice> choices = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            int index = candidate.path("index").asInt(i);
            Parts parts = readParts(candidate.path("content"), responseId, index, 0);
            FinishReason finish = GeminiFinishReasons.toOpenAi(Json.textOrNull(candidate, "finishReason"),
                    !parts.toolCalls().isEmpty(), Json.text(body));
            choices.add(new ChatResponse.Choice(index,
                    new Message.Assistant(parts.text(), parts.toolCalls(), null, parts.reasoning(), null), finish));
        }
        choices.sort(Comparator.comparingInt(ChatResponse.Choice::index));
        return new ChatResponse(responseId != null ? responseId : newId(), created, modelOf(body, requestModel),
                choices, GeminiUsage.of(body.get("usageMetadata")), null);
    }

    /**
     * Reads a candidate's {@code content.parts}. Function calls are numbered from
     * {@code firstPosition} (a stream continues the count of its earlier events).
     */
    static Parts readParts(JsonNode content, String responseId, int candidate, int firstPosition) {
        StringBuilder text = null;
        StringBuilder reasoning = null;
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode part : content.path("parts")) {
            JsonNode call = part.get("functionCall");
            if (call != null && call.isObject()) {
                String name = Json.textOrNull(call, "name");
                if (name == null) {
                    throw new GatewayException.UpstreamServerError("Gemini sent a function call without a name", 0,
                            Json.text(part));
                }
                String id = GeminiToolCallIds.of(responseId, candidate, firstPosition + calls.size(), call,
                        Json.textOrNull(part, "thoughtSignature"));
                calls.add(new ToolCall(id, name, GeminiToolCallIds.argumentsJson(call)));
                continue;
            }
            String piece = Json.textOrNull(part, "text");
            if (piece == null || piece.isEmpty()) {
                continue; // Gemini may end with an empty text part that only carries a thoughtSignature.
            }
            if (part.path("thought").asBoolean(false)) {
                reasoning = (reasoning == null ? new StringBuilder() : reasoning).append(piece);
            } else {
                text = (text == null ? new StringBuilder() : text).append(piece);
            }
        }
        return new Parts(text == null ? null : text.toString(), reasoning == null ? null : reasoning.toString(),
                calls);
    }

    /** The error for a response without candidates: a blocked prompt, or an upstream fault. */
    static GatewayException noCandidates(JsonNode body) {
        String blockReason = Json.textOrNull(body.path("promptFeedback"), "blockReason");
        if (blockReason != null) {
            return new GatewayException.ContentFiltered(
                    "Gemini blocked the prompt (blockReason " + blockReason + ")", Json.text(body));
        }
        return new GatewayException.UpstreamServerError("Gemini returned no candidates", 0, Json.text(body));
    }

    static String modelOf(JsonNode body, String requestModel) {
        String version = Json.textOrNull(body, "modelVersion");
        return version != null ? version : requestModel;
    }

    static String newId() {
        return "chatcmpl-" + UUID.randomUUID();
    }
}
