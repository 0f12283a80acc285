package dev.gatehouse.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.api.Usage;
import dev.gatehouse.aws.EventStreamMessage;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.FramedChatStream;
import dev.gatehouse.provider.StreamChunks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ConverseStream's events → OpenAI chunks, for one stream
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html).
 * Each event-stream message names its member in {@code :event-type}; its payload is that
 * member's JSON:
 *
 * <ul>
 *   <li>{@code messageStart} → the chunk with {@code role: assistant};</li>
 *   <li>{@code contentBlockStart} with {@code start.toolUse} → the first fragment of a tool call
 *       (its index counts tool calls, not blocks; id and name; arguments "");</li>
 *   <li>{@code contentBlockDelta}: {@code delta.text} → content, {@code delta.toolUse.input} (a
 *       string fragment) → arguments, {@code delta.reasoningContent.text} → reasoning_content,
 *       its {@code signature} and {@code redactedContent} kept for the block's end; citations
 *       have no OpenAI field;</li>
 *   <li>{@code contentBlockStop} of a reasoning block → the block's piece of the reasoning
 *       signature ({@link ReasoningSignature#segment});</li>
 *   <li>{@code messageStop} → the one chunk with the finish reason;</li>
 *   <li>{@code metadata}, which comes after {@code messageStop}, carries the usage: it is
 *       counted, and shown in a last chunk without choices to callers who asked for it.</li>
 * </ul>
 *
 * An {@code exception} message is thrown as the error it maps to. Unknown event types and
 * unknown payload fields (Bedrock pads payloads with a {@code p} field) are skipped.
 */
final class BedrockStreamDecoder implements FramedChatStream.Decoder<EventStreamMessage> {

    private final StreamChunks chunks;
    private final Map<Integer, Integer> toolCallByBlock = new HashMap<>();
    /** The open reasoning blocks by index: text length, signature, or redacted data so far. */
    private final Map<Integer, OpenReasoning> reasoningByBlock = new HashMap<>();
    private int toolCalls;
    private boolean started;
    private boolean stopped;
    private boolean finished;
    private Usage usage;

    BedrockStreamDecoder(String id, String model, long created, boolean includeUsage) {
        this.chunks = new StreamChunks(id, model, created, includeUsage);
    }

    /** Whether the metadata event has come: nothing more belongs to this answer. */
    @Override
    public boolean finished() {
        return finished;
    }

    /** The usage Bedrock reported, whether or not the caller sees it. */
    Usage usage() {
        return usage;
    }

    @Override
    public List<ChatChunk> onFrame(EventStreamMessage message) {
        String messageType = message.text(":message-type");
        if ("exception".equals(messageType)) {
            throw BedrockErrors.fromStreamException(message.text(":exception-type"), message.payloadText());
        }
        if ("error".equals(messageType)) {
            // The event-stream protocol's own error form: the code and message are headers.
            String code = message.text(":error-code");
            String text = message.text(":error-message");
            throw BedrockErrors.fromStreamException(code, Json.text(Json.object().put("message", text)));
        }
        if (finished) {
            return List.of();
        }
        String type = String.valueOf(message.text(":event-type"));
        JsonNode payload = Json.parseUpstream(message.payloadText(), "Bedrock");
        if (type.equals("messageStart")) {
            started = true;
            return List.of(chunks.choice(ChatChunk.Delta.role("assistant"), null));
        }
        if (!started) {
            throw new GatewayException.UpstreamServerError(
                    "Bedrock's stream sent " + type + " before messageStart", 0, message.payloadText());
        }
        return switch (type) {
            case "contentBlockStart" -> blockStart(payload.path("contentBlockIndex").asInt(), payload.path("start"));
            case "contentBlockDelta" -> blockDelta(payload.path("contentBlockIndex").asInt(), payload.path("delta"));
            case "contentBlockStop" -> blockStop(payload.path("contentBlockIndex").asInt());
            case "messageStop" -> stop(Json.textOrNull(payload, "stopReason"));
            case "metadata" -> metadata(payload);
            default -> List.of(); // members added after this was written
        };
    }

    /** The body ended: complete once messageStop has come (the metadata event may be missing). */
    @Override
    public List<ChatChunk> onEnd() {
        if (finished) {
            return List.of();
        }
        if (!stopped) {
            throw new GatewayException.TransportFailure("Bedrock's stream ended before messageStop", null);
        }
        finished = true;
        return usageChunk();
    }

    private List<ChatChunk> blockStart(int block, JsonNode start) {
        JsonNode toolUse = start.get("toolUse");
        if (toolUse == null || !toolUse.isObject()) {
            return List.of();
        }
        int call = toolCalls++;
        toolCallByBlock.put(block, call);
        return List.of(chunks.toolCall(call, Json.textOrNull(toolUse, "toolUseId"), Json.textOrNull(toolUse, "name"), ""));
    }

    private List<ChatChunk> blockDelta(int block, JsonNode delta) {
        String text = Json.textOrNull(delta, "text");
        if (text != null) {
            return chunks.text(text, false);
        }
        JsonNode toolUse = delta.get("toolUse");
        if (toolUse != null) {
            Integer call = toolCallByBlock.get(block);
            String fragment = Json.textOrNull(toolUse, "input");
            if (call == null) {
                throw new GatewayException.UpstreamServerError(
                        "Bedrock's stream sent tool input for a block that started no tool call", 0, Json.text(delta));
            }
            return fragment == null || fragment.isEmpty() ? List.of()
                    : List.of(chunks.toolCall(call, null, null, fragment));
        }
        JsonNode reasoning = delta.path("reasoningContent");
        if (!reasoning.isObject()) {
            return List.of();
        }
        OpenReasoning open = reasoningByBlock.computeIfAbsent(block, index -> new OpenReasoning());
        String thought = Json.textOrNull(reasoning, "text");
        open.text.append(thought == null ? "" : thought);
        open.signature.append(Objects.requireNonNullElse(Json.textOrNull(reasoning, "signature"), ""));
        open.redacted.append(Objects.requireNonNullElse(Json.textOrNull(reasoning, "redactedContent"), ""));
        return chunks.text(thought, true);
    }

    /** A reasoning block ended: its piece of the message's reasoning signature. */
    private List<ChatChunk> blockStop(int block) {
        OpenReasoning open = reasoningByBlock.remove(block);
        if (open == null) {
            return List.of();
        }
        ReasoningSignature.Block done = !open.redacted.isEmpty() ? new ReasoningSignature.Redacted(open.redacted.toString())
                : new ReasoningSignature.Thinking(open.text.toString(), open.signature.toString());
        return List.of(chunks.choice(ChatChunk.Delta.signature(ReasoningSignature.segment(done)), null));
    }

    /** A reasoning block while it streams. */
    private static final class OpenReasoning {
        final StringBuilder text = new StringBuilder();
        final StringBuilder signature = new StringBuilder();
        final StringBuilder redacted = new StringBuilder();
    }

    private List<ChatChunk> stop(String stopReason) {
        if (stopped) {
            return List.of();
        }
        stopped = true;
        return List.of(chunks.choice(ChatChunk.Delta.EMPTY, BedrockResponseMapper.finishReason(stopReason)));
    }

    private List<ChatChunk> metadata(JsonNode payload) {
        Usage reported = BedrockResponseMapper.usage(payload.get("usage"));
        if (reported != null) {
            usage = reported;
        }
        if (!stopped) {
            return List.of(); // metadata before messageStop is not the end; wait for it.
        }
        finished = true;
        return usageChunk();
    }

    private List<ChatChunk> usageChunk() {
        List<ChatChunk> out = new ArrayList<>(1);
        chunks.addUsage(out, usage);
        return out;
    }
}
