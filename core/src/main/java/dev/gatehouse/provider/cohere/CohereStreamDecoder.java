package dev.gatehouse.provider.cohere;

import dev.gatehouse.api.ServerSentEvent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.TypedEventDecoder;
import dev.gatehouse.provider.StreamChunks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cohere's stream events → OpenAI chunks, for one stream (https://docs.cohere.com/v2/docs/streaming;
 * the event schemas are {@code Chat*Event} in Cohere's OpenAPI). Each SSE event's JSON names its
 * {@code type}:
 *
 * <ul>
 *   <li>{@code message-start}: the reply id (shared by every chunk) → {@code role: assistant};</li>
 *   <li>{@code content-start} / {@code content-delta}: {@code delta.message.content.text} →
 *       content, {@code .thinking} → reasoning_content;</li>
 *   <li>{@code tool-plan-delta}: {@code delta.message.tool_plan} → reasoning_content;</li>
 *   <li>{@code tool-call-start}: {@code delta.message.tool_calls} (id, function name, first
 *       arguments) → a tool call's first fragment; {@code tool-call-delta}:
 *       {@code delta.message.tool_calls.function.arguments} → more arguments;</li>
 *   <li>{@code message-end}: {@code delta.finish_reason} → the finish chunk, {@code delta.usage} →
 *       the usage chunk for callers who asked; {@code delta.error} (finish reason {@code ERROR}) is
 *       thrown;</li>
 *   <li>{@code content-end}, {@code tool-call-end}, {@code citation-*}, {@code debug} and types
 *       added later are skipped; a {@code [DONE]} terminator ends the stream.</li>
 * </ul>
 */
final class CohereStreamDecoder extends TypedEventDecoder {

    private final StreamChunks chunks;
    private final Map<Integer, Integer> toolCallByIndex = new HashMap<>();
    private int toolCalls;
    private Usage usage;

    CohereStreamDecoder(String model, long created, boolean includeUsage) {
        super("Cohere");
        this.chunks = new StreamChunks(null, model, created, includeUsage);
    }

    Usage usage() {
        return usage;
    }

    /** A [DONE] terminator before message-end is a stream cut short; it is not JSON to decode. */
    @Override
    public List<ChatChunk> onEvent(ServerSentEvent event) {
        if (!finished() && event.data().equals("[DONE]")) {
            throw new GatewayException.TransportFailure("Cohere's stream ended before message-end", null);
        }
        return super.onEvent(event);
    }

    @Override
    protected List<ChatChunk> onEvent(String type, JsonNode data, ServerSentEvent event) {
        JsonNode message = data.path("delta").path("message");
        if (type.equals("message-start")) {
            String id = Json.textOrNull(data, "id");
            if (id == null) {
                throw new GatewayException.UpstreamServerError("Cohere's message-start has no id", 0, event.data());
            }
            chunks.start(id, chunks.model());
            return List.of(chunks.choice(ChatChunk.Delta.role("assistant"), null));
        }
        if (!chunks.started()) {
            throw new GatewayException.UpstreamServerError("Cohere's stream sent " + type + " before message-start", 0,
                    event.data());
        }
        return switch (type) {
            case "content-start", "content-delta" -> content(message.path("content"));
            case "tool-plan-delta" -> chunks.text(Json.textOrNull(message, "tool_plan"), true);
            case "tool-call-start" -> toolCallStart(data.path("index").asInt(), message.path("tool_calls"));
            case "tool-call-delta" -> toolCallDelta(data.path("index").asInt(), message.path("tool_calls"));
            case "message-end" -> end(data);
            default -> List.of();
        };
    }

    @Override
    public List<ChatChunk> onEnd() {
        if (finished()) {
            return List.of();
        }
        throw new GatewayException.TransportFailure("Cohere's stream ended before message-end", null);
    }

    private List<ChatChunk> content(JsonNode content) {
        List<ChatChunk> out = new ArrayList<>(chunks.text(Json.textOrNull(content, "thinking"), true));
        out.addAll(chunks.text(Json.textOrNull(content, "text"), false));
        return out;
    }

    private List<ChatChunk> toolCallStart(int index, JsonNode call) {
        int number = toolCalls++;
        toolCallByIndex.put(index, number);
        String arguments = Json.textOrNull(call.path("function"), "arguments");
        return List.of(chunks.toolCall(number, Json.textOrNull(call, "id"), Json.textOrNull(call.path("function"), "name"),
                arguments == null ? "" : arguments));
    }

    private List<ChatChunk> toolCallDelta(int index, JsonNode call) {
        Integer number = toolCallByIndex.get(index);
        if (number == null) {
            throw new GatewayException.UpstreamServerError("Cohere's stream sent arguments for a tool call that did "
                    + "not start", 0, Json.text(call));
        }
        String fragment = Json.textOrNull(call.path("function"), "arguments");
        return fragment == null || fragment.isEmpty() ? List.of()
                : List.of(chunks.toolCall(number, null, null, fragment));
    }

    private List<ChatChunk> end(JsonNode data) {
        JsonNode delta = data.path("delta");
        String reason = Json.textOrNull(delta, "finish_reason");
        String error = Json.textOrNull(delta, "error");
        if (error != null || "ERROR".equals(reason)) {
            throw CohereErrors.fromStream(error, Json.text(data));
        }
        finish();
        usage = CohereResponseMapper.usage(delta.get("usage"));
        List<ChatChunk> out = new ArrayList<>(2);
        out.add(chunks.choice(ChatChunk.Delta.EMPTY, CohereResponseMapper.finishReason(reason)));
        chunks.addUsage(out, usage);
        return out;
    }
}
