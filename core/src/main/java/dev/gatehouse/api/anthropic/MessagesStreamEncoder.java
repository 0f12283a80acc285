package dev.gatehouse.api.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Canonical stream chunks → Anthropic's stream events, for one stream (one object per stream;
 * it holds the stream's state). The sequence is the one
 * https://platform.claude.com/docs/en/build-with-claude/streaming describes:
 * {@code message_start}, a {@code ping}, then per content block {@code content_block_start},
 * its {@code content_block_delta}s ({@code thinking_delta}, {@code text_delta},
 * {@code input_json_delta}) and {@code content_block_stop}; then {@code message_delta} with the
 * stop reason and usage, and {@code message_stop}.
 *
 * <p>Reasoning signatures stream as Anthropic streams them: a thinking block's text deltas, then
 * its {@code signature_delta}, then its {@code content_block_stop}. Each piece of the canonical
 * signature ({@link ChatChunk.Delta#reasoningSignature()}, one per block as it ends) signs and
 * closes the open thinking block, so the next reasoning opens a new one; a redacted block's piece
 * is a {@code redacted_thinking} block of its own (start with its data, then stop). Reasoning
 * that no piece signs (a provider that does not sign) stays one block with an empty signature.
 *
 * <p>Blocks follow each other, never interleave: reasoning, text and each tool call open a new
 * block when the previous one was of another kind. Canonical usage arrives only at the end of a
 * stream, so {@code message_start} reports zero tokens and {@code message_delta} the counts.
 */
public final class MessagesStreamEncoder {

    /** One server-sent event: its {@code event:} name and {@code data:} JSON. */
    public record Event(String name, ObjectNode data) {}

    private enum Kind { THINKING, TEXT, TOOL }

    private final String model;
    private final Map<Integer, Integer> blockOfToolCall = new HashMap<>();
    private boolean started;
    private Kind open;
    /** The open thinking block's text so far, which its signature piece must match. */
    private final StringBuilder thinking = new StringBuilder();
    private int openIndex = -1;
    private int nextIndex;
    private String stopReason;
    private Usage usage;
    private boolean sawToolCall;

    /** @param model the model name the caller used, reported in {@code message_start} */
    public MessagesStreamEncoder(String model) {
        this.model = model;
    }

    /** The events one chunk yields (often one, at the start three). */
    public List<Event> onChunk(ChatChunk chunk) {
        List<Event> events = new ArrayList<>();
        if (!started) {
            start(chunk.id(), events);
        }
        for (ChatChunk.Choice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue; // An Anthropic request asks for one answer; an upstream has no reason to send more.
            }
            ChatChunk.Delta delta = choice.delta();
            if (delta.reasoningContent() != null && !delta.reasoningContent().isEmpty()) {
                ensureOpen(Kind.THINKING, events);
                thinking.append(delta.reasoningContent());
                events.add(delta("thinking_delta", "thinking", delta.reasoningContent()));
            }
            if (delta.reasoningSignature() != null && !delta.reasoningSignature().isEmpty()) {
                signature(delta.reasoningSignature(), events);
            }
            for (String text : new String[] {delta.content(), delta.refusal()}) {
                if (text != null && !text.isEmpty()) {
                    ensureOpen(Kind.TEXT, events);
                    events.add(delta("text_delta", "text", text));
                }
            }
            for (ChatChunk.ToolCallDelta call : delta.toolCalls()) {
                toolCall(call, events);
            }
            if (choice.finishReason() != null) {
                stopReason = MessagesResponseJson.stopReason(choice.finishReason(), null);
            }
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        return events;
    }

    /** The events that end the stream: the open block's stop, message_delta and message_stop. */
    public List<Event> finish() {
        List<Event> events = new ArrayList<>();
        if (!started) {
            start("msg_" + UUID.randomUUID().toString().replace("-", ""), events);
        }
        close(events);
        ObjectNode delta = object("message_delta");
        String reason = stopReason != null ? stopReason : sawToolCall ? "tool_use" : "end_turn";
        // A tool call makes the turn end in tool_use, whatever word the upstream used for it.
        if (sawToolCall && reason.equals("end_turn")) {
            reason = "tool_use";
        }
        delta.putObject("delta").put("stop_reason", reason).putNull("stop_sequence");
        delta.set("usage", MessagesResponseJson.usage(usage));
        events.add(new Event("message_delta", delta));
        events.add(new Event("message_stop", object("message_stop")));
        return events;
    }

    /** The {@code error} event that ends a stream which failed midway. */
    public static Event error(GatewayException failure, String requestId) {
        return new Event("error", AnthropicErrorJson.write(failure, requestId));
    }

    private void start(String id, List<Event> events) {
        started = true;
        ObjectNode message = Json.object().put("id", id).put("type", "message").put("role", "assistant");
        message.putArray("content");
        message.put("model", model).putNull("stop_reason").putNull("stop_sequence");
        message.set("usage", MessagesResponseJson.usage(null));
        ObjectNode start = object("message_start");
        start.set("message", message);
        events.add(new Event("message_start", start));
        events.add(new Event("ping", object("ping")));
    }

    /** A piece of the reasoning signature: the blocks it records, each signed and closed. */
    private void signature(String piece, List<Event> events) {
        if (piece.startsWith("r.")) {
            close(events); // a redacted block follows the open one, whose text no piece signed
        }
        List<ReasoningSignature.Block> blocks;
        try {
            blocks = ReasoningSignature.decode(open == Kind.THINKING ? thinking.toString() : "", piece);
        } catch (IllegalArgumentException e) {
            throw new GatewayException.UpstreamServerError("the upstream streamed a reasoning signature that does not"
                    + " match its reasoning: " + e.getMessage(), 0, null);
        }
        for (ReasoningSignature.Block block : blocks) {
            switch (block) {
                case ReasoningSignature.Thinking signed -> {
                    if (open != Kind.THINKING) {
                        if (!signed.text().isEmpty()) {
                            throw new GatewayException.UpstreamServerError(
                                    "the upstream signed reasoning it had not streamed", 0, null);
                        }
                        ensureOpen(Kind.THINKING, events); // a signed block without text
                    }
                    events.add(delta("signature_delta", "signature", signed.signature()));
                    close(events);
                }
                case ReasoningSignature.Redacted redacted -> {
                    close(events);
                    int index = nextIndex++;
                    ObjectNode start = object("content_block_start").put("index", index);
                    start.putObject("content_block").put("type", "redacted_thinking").put("data", redacted.data());
                    events.add(new Event("content_block_start", start));
                    events.add(new Event("content_block_stop", object("content_block_stop").put("index", index)));
                }
            }
        }
    }

    private void toolCall(ChatChunk.ToolCallDelta call, List<Event> events) {
        Integer block = blockOfToolCall.get(call.index());
        if (block == null) {
            if (call.id() == null || call.name() == null) {
                throw new GatewayException.UpstreamServerError(
                        "the upstream streamed arguments of a tool call before its id and name", 0, null);
            }
            close(events);
            sawToolCall = true;
            open = Kind.TOOL;
            openIndex = nextIndex++;
            blockOfToolCall.put(call.index(), openIndex);
            ObjectNode content = Json.object().put("type", "tool_use").put("id", call.id()).put("name", call.name());
            content.putObject("input");
            ObjectNode start = object("content_block_start").put("index", openIndex);
            start.set("content_block", content);
            events.add(new Event("content_block_start", start));
        } else if (open != Kind.TOOL || block != openIndex) {
            // Anthropic's blocks do not interleave; an upstream that goes back to a finished call can not be relayed.
            throw new GatewayException.UpstreamServerError(
                    "the upstream went back to a tool call after starting another block", 0, null);
        }
        if (call.arguments() != null && !call.arguments().isEmpty()) {
            events.add(delta("input_json_delta", "partial_json", call.arguments()));
        }
    }

    private void ensureOpen(Kind kind, List<Event> events) {
        if (open == kind && kind != Kind.TOOL) {
            return;
        }
        close(events);
        open = kind;
        openIndex = nextIndex++;
        thinking.setLength(0);
        ObjectNode content = kind == Kind.TEXT ? Json.object().put("type", "text").put("text", "")
                : Json.object().put("type", "thinking").put("thinking", "").put("signature", "");
        ObjectNode start = object("content_block_start").put("index", openIndex);
        start.set("content_block", content);
        events.add(new Event("content_block_start", start));
    }

    private void close(List<Event> events) {
        if (open != null) {
            events.add(new Event("content_block_stop", object("content_block_stop").put("index", openIndex)));
            open = null;
        }
    }

    private Event delta(String type, String field, String value) {
        ObjectNode event = object("content_block_delta").put("index", openIndex);
        event.putObject("delta").put("type", type).put(field, value);
        return new Event("content_block_delta", event);
    }

    private static ObjectNode object(String type) {
        return Json.object().put("type", type);
    }
}
