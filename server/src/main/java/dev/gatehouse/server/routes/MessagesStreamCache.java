package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.anthropic.MessagesStreamEncoder;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.Answer;
import dev.gatehouse.server.http.ModelCall;
import dev.gatehouse.server.http.ModelRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic's Messages streams in the response cache, on both of the route's paths. A stream that
 * ended is put back together as the Messages answer ({@link AnthropicMessageAssembly}): Anthropic's
 * own events as they came, a translated chat stream as the events it was written as. A stored
 * answer is replayed as Anthropic's events, in the order of
 * https://platform.claude.com/docs/en/build-with-claude/streaming: {@code message_start} (the
 * message without content), {@code ping}, per block {@code content_block_start}, one delta with
 * its whole text, input or thinking, {@code content_block_stop}; then {@code message_delta} with
 * the stop reason and usage, and {@code message_stop}. They are written as Anthropic's own stream
 * is relayed ({@link AnthropicSse}). A block with anything a delta would lose (citations, server
 * tools' results…) is not replayed: the request is answered afresh.
 */
final class MessagesStreamCache implements ModelRoute.CachedStreams<MessagesRequest> {

    @Override
    public Optional<Answer> replay(ModelCall<MessagesRequest> call, MessagesRequest request, JsonNode stored) {
        Optional<List<ServerSentEvent>> events = events(stored);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Answer.stream(new Replayed<>(events.get()), new AnthropicSse(call.ticket(), call.genAi())));
    }

    /** The events that stream {@code message}, or empty when one of its blocks would lose something. */
    static Optional<List<ServerSentEvent>> events(JsonNode message) {
        List<ServerSentEvent> events = new ArrayList<>();
        ObjectNode start = message.deepCopy();
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        if (start.get("usage") instanceof ObjectNode usage) {
            usage.put("output_tokens", 0); // counted in message_delta, as a stream reports them
        }
        events.add(event("message_start", Json.object().set("message", start)));
        events.add(event("ping", Json.object()));
        int index = 0;
        for (JsonNode block : message.path("content")) {
            Optional<JsonNode> delta = delta(block);
            if (delta == null) {
                return Optional.empty();
            }
            events.add(event("content_block_start", Json.object().put("index", index)
                    .set("content_block", opening(block))));
            if (delta.isPresent()) {
                events.add(event("content_block_delta", Json.object().put("index", index).set("delta", delta.get())));
            }
            if (block.path("type").asText().equals("thinking") && !block.path("signature").asText("").isEmpty()) {
                events.add(event("content_block_delta", Json.object().put("index", index).set("delta",
                        Json.object().put("type", "signature_delta").put("signature", block.path("signature").asText()))));
            }
            events.add(event("content_block_stop", Json.object().put("index", index)));
            index++;
        }
        ObjectNode end = Json.object();
        end.putObject("delta").<ObjectNode>set("stop_reason", message.path("stop_reason"))
                .set("stop_sequence", message.hasNonNull("stop_sequence") ? message.get("stop_sequence")
                        : Json.object().nullNode());
        if (message.hasNonNull("usage")) {
            end.set("usage", message.get("usage"));
        }
        events.add(event("message_delta", end));
        events.add(event("message_stop", Json.object()));
        return Optional.of(events);
    }

    /**
     * The one delta that carries {@code block}'s content; empty for a block that has none to stream
     * (redacted thinking comes whole in its start); null for a block a delta would not carry whole.
     */
    private static Optional<JsonNode> delta(JsonNode block) {
        return switch (block.path("type").asText()) {
            case "text" -> plainText(block)
                    ? Optional.of(Json.object().put("type", "text_delta").put("text", block.path("text").asText()))
                    : null;
            case "tool_use" -> Optional.of(Json.object().put("type", "input_json_delta")
                    .put("partial_json", Json.text(block.path("input"))));
            case "thinking" -> Optional.of(Json.object().put("type", "thinking_delta")
                    .put("thinking", block.path("thinking").asText()));
            case "redacted_thinking" -> Optional.empty();
            default -> null;
        };
    }

    /** A text block with nothing but its text (citations would need deltas of their own). */
    private static boolean plainText(JsonNode block) {
        for (Map.Entry<String, JsonNode> field : block.properties()) {
            boolean nothing = field.getValue().isNull() || field.getValue().isArray() && field.getValue().isEmpty();
            if (!field.getKey().equals("type") && !field.getKey().equals("text") && !nothing) {
                return false;
            }
        }
        return true;
    }

    /** {@code block} as its {@code content_block_start} shows it: without what the deltas carry. */
    private static JsonNode opening(JsonNode block) {
        ObjectNode opening = block.deepCopy();
        switch (block.path("type").asText()) {
            case "text" -> opening.put("text", "");
            case "tool_use" -> opening.putObject("input");
            case "thinking" -> opening.put("thinking", "").put("signature", "");
            default -> { }
        }
        return opening;
    }

    private static ServerSentEvent event(String type, ObjectNode data) {
        ObjectNode typed = Json.object().put("type", type);
        typed.setAll(data);
        return new ServerSentEvent(type, Json.text(typed));
    }

    @Override
    public Optional<JsonNode> whole(MessagesRequest request, List<?> events) {
        List<JsonNode> anthropic = new ArrayList<>();
        MessagesStreamEncoder translated = new MessagesStreamEncoder(request.model());
        boolean chunks = false;
        for (Object event : events) {
            switch (event) {
                case ServerSentEvent relayed -> anthropic.add(Json.parseUpstream(relayed.data(), "Anthropic"));
                case ChatChunk chunk -> {
                    chunks = true;
                    translated.onChunk(chunk).forEach(written -> anthropic.add(written.data()));
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (chunks) {
            translated.finish().forEach(written -> anthropic.add(written.data()));
        }
        return AnthropicMessageAssembly.whole(anthropic);
    }
}
