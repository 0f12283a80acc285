package dev.gatehouse.provider.anthropic;

import dev.gatehouse.api.ServerSentEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.TypedEventDecoder;
import dev.gatehouse.provider.StreamChunks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's stream events → OpenAI chunks, for one stream (one object per stream; it holds
 * the stream's state). Events as https://platform.claude.com/docs/en/build-with-claude/streaming
 * describes them:
 *
 * <ul>
 *   <li>{@code message_start}: the message id and model (shared by every chunk) and the input
 *       token counts; yields the chunk with {@code role: assistant}.</li>
 *   <li>{@code content_block_start}: a {@code tool_use} block yields the first fragment of a tool
 *       call (index = how many tool calls came before it, its id and name, arguments "").</li>
 *   <li>{@code content_block_delta}: {@code text_delta} → content, {@code thinking_delta} →
 *       reasoning_content, {@code signature_delta} → the thinking block's signature,
 *       {@code input_json_delta} → an arguments fragment of its tool call. Citations have no
 *       OpenAI field and are left out.</li>
 *   <li>{@code content_block_stop} of a {@code thinking} or {@code redacted_thinking} block:
 *       the block's piece of the reasoning signature ({@link ReasoningSignature#segment}).</li>
 *   <li>{@code message_delta}: its {@code stop_reason} yields the one chunk with a finish
 *       reason; its usage (cumulative) updates the counts.</li>
 *   <li>{@code message_stop}: the end. When the caller asked for usage, one more chunk with no
 *       choices carries it.</li>
 *   <li>{@code ping} and event types Anthropic adds later are skipped, as its versioning policy
 *       asks; {@code error} is thrown as the {@link GatewayException} it maps to.</li>
 * </ul>
 */
final class AnthropicStreamDecoder extends TypedEventDecoder {

    private final StreamChunks chunks;
    private final Map<Integer, Integer> toolCallByBlock = new HashMap<>();
    /** The open reasoning blocks by index. */
    private final Map<Integer, OpenReasoning> reasoningByBlock = new HashMap<>();
    private final ObjectNode usage = Json.object();
    private int toolCalls;
    private boolean finishSent;

    AnthropicStreamDecoder(boolean includeUsage) {
        this(includeUsage, Instant.now().getEpochSecond());
    }

    AnthropicStreamDecoder(boolean includeUsage, long created) {
        super("Anthropic");
        this.chunks = new StreamChunks(null, null, created, includeUsage);
    }

    /** The chunks one event yields (often none); throws on an error event. */
    @Override
    protected List<ChatChunk> onEvent(String type, JsonNode data, ServerSentEvent event) {
        if (type.equals("error")) {
            throw AnthropicErrors.fromStreamEvent(event.data());
        }
        if (type.equals("ping")) {
            return List.of();
        }
        if (type.equals("message_start")) {
            return start(data.path("message"));
        }
        if (!chunks.started()) {
            throw new GatewayException.UpstreamServerError(
                    "Anthropic's stream sent " + type + " before message_start", 0, event.data());
        }
        return switch (type) {
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"));
            case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"));
            case "content_block_stop" -> blockStop(data.path("index").asInt());
            case "message_delta" -> messageDelta(data);
            case "message_stop" -> stop();
            default -> List.of(); // event types added after this was written.
        };
    }

    /** The body ended: complete only after {@code message_stop}. */
    @Override
    public List<ChatChunk> onEnd() {
        if (finished()) {
            return List.of();
        }
        throw new GatewayException.TransportFailure("Anthropic's stream ended before message_stop", null);
    }

    private List<ChatChunk> start(JsonNode message) {
        String id = Json.textOrNull(message, "id");
        if (id == null) {
            throw new GatewayException.UpstreamServerError(
                    "Anthropic's message_start has no message id", 0, Json.text(message));
        }
        String name = Json.textOrNull(message, "model");
        chunks.start(id, name == null ? "" : name);
        mergeUsage(message.get("usage"));
        return List.of(chunks.choice(ChatChunk.Delta.role("assistant"), null));
    }

    private List<ChatChunk> blockStart(int index, JsonNode block) {
        switch (String.valueOf(Json.textOrNull(block, "type"))) {
            case "tool_use" -> {
                int call = toolCalls++;
                toolCallByBlock.put(index, call);
                return List.of(chunks.toolCall(call, Json.textOrNull(block, "id"), Json.textOrNull(block, "name"), ""));
            }
            case "text" -> {
                return chunks.text(Json.textOrNull(block, "text"), false);
            }
            case "thinking" -> {
                String thinking = Json.textOrNull(block, "thinking");
                reasoningByBlock.put(index, new OpenReasoning(null).add(thinking, Json.textOrNull(block, "signature")));
                return chunks.text(thinking, true);
            }
            case "redacted_thinking" -> {
                reasoningByBlock.put(index, new OpenReasoning(new ReasoningSignature.Redacted(Json.textOrNull(block, "data"))));
                return List.of();
            }
            default -> {
                return List.of(); // server tools: nothing an OpenAI caller reads.
            }
        }
    }

    private List<ChatChunk> blockDelta(int index, JsonNode delta) {
        return switch (String.valueOf(Json.textOrNull(delta, "type"))) {
            case "text_delta" -> chunks.text(Json.textOrNull(delta, "text"), false);
            case "thinking_delta" -> {
                String thinking = Json.textOrNull(delta, "thinking");
                OpenReasoning open = reasoningByBlock.get(index);
                if (open != null) {
                    open.add(thinking, null);
                }
                yield chunks.text(thinking, true);
            }
            case "signature_delta" -> {
                OpenReasoning open = reasoningByBlock.get(index);
                if (open != null) {
                    open.add(null, Json.textOrNull(delta, "signature"));
                }
                yield List.of();
            }
            case "input_json_delta" -> {
                Integer call = toolCallByBlock.get(index);
                String fragment = Json.textOrNull(delta, "partial_json");
                // A server tool's input streams the same way; it is not a call for the caller to run.
                yield call == null || fragment == null || fragment.isEmpty() ? List.of()
                        : List.of(chunks.toolCall(call, null, null, fragment));
            }
            default -> List.of(); // citations_delta
        };
    }

    /** A reasoning block ended: its piece of the message's reasoning signature. */
    private List<ChatChunk> blockStop(int index) {
        OpenReasoning block = reasoningByBlock.remove(index);
        return block == null ? List.of()
                : List.of(chunks.choice(ChatChunk.Delta.signature(ReasoningSignature.segment(block.block())), null));
    }

    /** A reasoning block while it streams: a thinking block's text and signature so far, or a redacted block. */
    private static final class OpenReasoning {
        private final ReasoningSignature.Redacted redacted;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder signature = new StringBuilder();

        OpenReasoning(ReasoningSignature.Redacted redacted) {
            this.redacted = redacted;
        }

        OpenReasoning add(String moreText, String moreSignature) {
            text.append(moreText == null ? "" : moreText);
            signature.append(moreSignature == null ? "" : moreSignature);
            return this;
        }

        ReasoningSignature.Block block() {
            return redacted != null ? redacted : new ReasoningSignature.Thinking(text.toString(), signature.toString());
        }
    }

    private List<ChatChunk> messageDelta(JsonNode data) {
        mergeUsage(data.get("usage"));
        String stopReason = Json.textOrNull(data.path("delta"), "stop_reason");
        if (stopReason == null || finishSent) {
            return List.of();
        }
        finishSent = true;
        return List.of(chunks.choice(ChatChunk.Delta.EMPTY, AnthropicResponseMapper.finishReason(stopReason)));
    }

    private List<ChatChunk> stop() {
        finish();
        // A message that ended without a stop_reason still ended: the caller gets one finish reason.
        List<ChatChunk> out = new ArrayList<>(2);
        if (!finishSent) {
            out.add(chunks.choice(ChatChunk.Delta.EMPTY, FinishReason.STOP));
        }
        finishSent = true;
        if (chunks.includesUsage()) {
            chunks.addUsage(out, AnthropicResponseMapper.usage(usage));
        }
        return out;
    }

    /** Counts arrive in message_start and again, cumulative, in message_delta: the latest value of each wins. */
    private void mergeUsage(JsonNode counts) {
        if (counts != null && counts.isObject()) {
            counts.properties().forEach(field -> {
                if (!field.getValue().isNull()) {
                    usage.set(field.getKey(), field.getValue());
                }
            });
        }
    }

}
