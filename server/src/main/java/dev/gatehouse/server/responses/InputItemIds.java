package dev.gatehouse.server.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.server.auth.KeyFormat;

/**
 * Ids for input items that came without one. {@code GET /v1/responses/{id}/input_items} lists
 * items by id (its {@code after} cursor, {@code first_id}, {@code last_id}), as OpenAI's does, so
 * every stored item has one; the prefix says the item's kind as OpenAI's ids do.
 */
final class InputItemIds {

    private InputItemIds() {}

    /** A copy of {@code items} in which every item object has an {@code id}; ids given are kept. */
    static ArrayNode assign(ArrayNode items) {
        ArrayNode copy = items.deepCopy();
        for (JsonNode item : copy) {
            if (item instanceof ObjectNode object && !textual(object.get("id"))) {
                object.put("id", KeyFormat.newId(prefix(object.path("type").asText("message"))));
            }
        }
        return copy;
    }

    private static boolean textual(JsonNode id) {
        return id != null && id.isTextual() && !id.asText().isEmpty();
    }

    private static String prefix(String type) {
        return switch (type) {
            case "message" -> "msg";
            case "function_call" -> "fc";
            case "function_call_output" -> "fco";
            case "reasoning" -> "rs";
            default -> "item";
        };
    }
}
