package dev.gatehouse.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.Fields;
import java.util.Set;

/**
 * The reads of Responses request fields that differ from the OpenAI codec's {@link Fields}: the
 * Responses API's wording for a missing or unknown parameter (code {@code unknown_parameter}, as
 * OpenAI answers), and the refusal of a documented field the translation can not carry.
 */
final class Read {

    private Read() {}

    static GatewayException.BadRequest missing(String path) {
        return new GatewayException.BadRequest("Missing required parameter: '" + path + "'.", path,
                "missing_required_parameter", null);
    }

    /** A documented field (or value) that Gatehouse's translated Responses API can not carry. */
    static GatewayException.BadRequest notSupported(String path, String why) {
        return new GatewayException.BadRequest("'" + path + "' is not supported by Gatehouse's Responses API for this "
                + "model: " + why + ".", path, "unsupported_parameter", null);
    }

    static GatewayException.BadRequest invalidValue(String path, String got, String expected) {
        return new GatewayException.BadRequest("Invalid value for '" + path + "': '" + got + "'; expected " + expected
                + ".", path, "invalid_value", null);
    }

    static JsonNode object(JsonNode node, String path) {
        return Fields.object(node, path);
    }

    static String requiredText(JsonNode parent, String name, String path) {
        return Fields.requiredText(parent, name, path, Read::missing);
    }

    /** Refuses a field of {@code node} outside {@code allowed}, as OpenAI refuses unknown parameters. */
    static void onlyFields(JsonNode node, String path, Set<String> allowed) {
        for (var field : node.properties()) {
            if (!allowed.contains(field.getKey())) {
                String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                throw new GatewayException.BadRequest("Unknown parameter: '" + where + "'.", where,
                        "unknown_parameter", null);
            }
        }
    }

    /** A text that, when present, is one of {@code allowed}. */
    static String oneOf(JsonNode parent, String name, String path, Set<String> allowed) {
        String value = Fields.optionalText(parent, name, path);
        if (value != null && !allowed.contains(value)) {
            throw invalidValue(path, value, "one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }
}
