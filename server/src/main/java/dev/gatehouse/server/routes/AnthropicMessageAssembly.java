package dev.gatehouse.server.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Anthropic's stream events put back together as the Messages answer they stream, for the response
 * cache. The events are the ones Anthropic's streaming page lists
 * (https://platform.claude.com/docs/en/build-with-claude/streaming): {@code message_start} carries
 * the message without content; each block opens with {@code content_block_start}, grows by its
 * {@code content_block_delta}s ({@code text_delta}, {@code input_json_delta}, whose pieces join
 * into the tool's input as JSON, {@code thinking_delta}, {@code signature_delta},
 * {@code citations_delta}) and closes with {@code content_block_stop}; {@code message_delta}
 * gives the stop reason and the usage so far (its counts replace {@code message_start}'s);
 * {@code message_stop} ends it. Without {@code message_stop}, or after an {@code error}, the
 * stream makes no answer.
 */
final class AnthropicMessageAssembly {

    private ObjectNode message;
    private final Map<Integer, ObjectNode> blocks = new TreeMap<>();
    private final Map<Integer, StringBuilder> toolInput = new TreeMap<>();
    private boolean stopped;
    private boolean broken;

    private AnthropicMessageAssembly() {}

    /** The message {@code events} (each event's data, in order) make; empty when they make none. */
    static Optional<JsonNode> whole(List<JsonNode> events) {
        AnthropicMessageAssembly assembly = new AnthropicMessageAssembly();
        events.forEach(assembly::add);
        return assembly.message();
    }

    private void add(JsonNode event) {
        int index = event.path("index").asInt(-1);
        switch (event.path("type").asText("")) {
            case "message_start" -> message = event.path("message").deepCopy();
            case "content_block_start" -> blocks.put(index, event.path("content_block").deepCopy());
            case "content_block_delta" -> delta(blocks.get(index), index, event.path("delta"));
            case "content_block_stop" -> stop(blocks.get(index), index);
            case "message_delta" -> messageDelta(event);
            case "message_stop" -> stopped = true;
            case "ping" -> { }
            default -> broken = true; // an error, or an event this reading does not know: nothing is kept
        }
    }

    private void delta(ObjectNode block, int index, JsonNode delta) {
        if (block == null) {
            broken = true;
            return;
        }
        switch (delta.path("type").asText("")) {
            case "text_delta" -> append(block, "text", delta.path("text").asText(""));
            case "thinking_delta" -> append(block, "thinking", delta.path("thinking").asText(""));
            case "signature_delta" -> block.put("signature", delta.path("signature").asText(""));
            case "input_json_delta" -> toolInput.computeIfAbsent(index, i -> new StringBuilder())
                    .append(delta.path("partial_json").asText(""));
            case "citations_delta" -> block.withArray("citations").add(delta.path("citation"));
            default -> broken = true;
        }
    }

    private static void append(ObjectNode block, String field, String text) {
        block.put(field, block.path(field).asText("") + text);
    }

    /** A tool's input came as pieces of JSON text: whole, it is the block's input (none is {@code {}}). */
    private void stop(ObjectNode block, int index) {
        StringBuilder input = toolInput.remove(index);
        if (block == null || input == null || input.isEmpty()) {
            return;
        }
        try {
            block.set("input", Json.mapper().readTree(input.toString()));
        } catch (JsonProcessingException e) {
            broken = true;
        }
    }

    private void messageDelta(JsonNode event) {
        if (message == null) {
            broken = true;
            return;
        }
        for (Map.Entry<String, JsonNode> field : event.path("delta").properties()) {
            message.set(field.getKey(), field.getValue());
        }
        if (event.path("usage").isObject()) {
            ObjectNode usage = message.get("usage") instanceof ObjectNode kept ? kept : message.putObject("usage");
            for (Map.Entry<String, JsonNode> field : event.get("usage").properties()) {
                if (!field.getValue().isNull()) {
                    usage.set(field.getKey(), field.getValue());
                }
            }
        }
    }

    private Optional<JsonNode> message() {
        if (broken || !stopped || message == null) {
            return Optional.empty();
        }
        ArrayNode content = message.putArray("content");
        blocks.values().forEach(content::add);
        return Optional.of(message);
    }
}
