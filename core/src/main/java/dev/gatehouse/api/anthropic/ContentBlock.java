package dev.gatehouse.api.anthropic;

import static dev.gatehouse.api.anthropic.Read.onlyFields;
import static dev.gatehouse.api.anthropic.Read.requiredText;
import static dev.gatehouse.api.wire.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** One block of a content array: an object with a type, and its path, which errors name. */
record ContentBlock(JsonNode node, String path, String type) {

    private static final Set<String> TEXT_FIELDS = Set.of("type", "text", "cache_control", "citations");

    static ContentBlock at(JsonNode blocks, int i, String arrayPath) {
        String path = arrayPath + "[" + i + "]";
        JsonNode node = Read.object(blocks.get(i), path);
        return new ContentBlock(node, path, requiredText(node, "type", path + ".type"));
    }

    /** A text block's text, its other fields checked (and dropped, should they be present). */
    String text(DroppedFields dropped) {
        onlyFields(node, path, TEXT_FIELDS);
        dropIfPresent("cache_control", dropped);
        dropIfPresent("citations", dropped);
        return requiredText(node, "text", path + ".text");
    }

    void dropIfPresent(String field, DroppedFields dropped) {
        if (present(node.get(field))) {
            dropped.add(path + "." + field);
        }
    }
}
