package dev.gatehouse.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import java.util.Set;

/**
 * Typed reads of Anthropic request fields, each failing with a 400 that names the field by its
 * path ({@code messages[2].content[0].text}) and says what was expected.
 */
final class Read {

    private Read() {}

    static GatewayException.BadRequest invalid(String path, String expected, JsonNode got) {
        return new GatewayException.BadRequest(
                "Invalid value for '" + path + "': expected " + expected + ", got " + describe(got) + ".", path);
    }

    static GatewayException.BadRequest missing(String path) {
        return new GatewayException.BadRequest("Missing required field: '" + path + "'.", path);
    }

    /** A field the Messages API has but Gatehouse's translation can not carry. */
    static GatewayException.BadRequest notSupported(String path, String why) {
        return new GatewayException.BadRequest("'" + path + "' is not supported by Gatehouse's Anthropic API: " + why
                + ".", path);
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "an unexpected value";
        };
    }

    static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw invalid(path, "an object", node);
        }
        return node;
    }

    static String requiredText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (!present(node)) {
            throw missing(path);
        }
        if (!node.isTextual()) {
            throw invalid(path, "a string", node);
        }
        return node.asText();
    }

    static String optionalText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (!present(node)) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(path, "a string", node);
        }
        return node.asText();
    }

    static Boolean optionalBoolean(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (!present(node)) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalid(path, "a boolean", node);
        }
        return node.asBoolean();
    }

    /** An integer within [min, max]. */
    static Integer optionalInt(JsonNode parent, String name, String path, int min, int max) {
        JsonNode node = parent.get(name);
        if (!present(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid(path, "an integer", node);
        }
        int value = node.asInt();
        if (value < min || value > max) {
            throw new GatewayException.BadRequest("Invalid value for '" + path + "': " + value
                    + " is out of range; expected " + min + " to " + max + ".", path);
        }
        return value;
    }

    /** A number within [min, max]. */
    static Double optionalNumber(JsonNode parent, String name, String path, double min, double max) {
        JsonNode node = parent.get(name);
        if (!present(node)) {
            return null;
        }
        if (!node.isNumber()) {
            throw invalid(path, "a number", node);
        }
        double value = node.asDouble();
        if (value < min || value > max || Double.isNaN(value)) {
            throw new GatewayException.BadRequest("Invalid value for '" + path + "': " + node.asText()
                    + " is out of range; expected " + min + " to " + max + ".", path);
        }
        return value;
    }

    /** Refuses a field of {@code node} outside {@code allowed}, as Anthropic refuses extra inputs. */
    static void onlyFields(JsonNode node, String path, Set<String> allowed) {
        for (var field : node.properties()) {
            if (!allowed.contains(field.getKey())) {
                String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                throw new GatewayException.BadRequest("Unknown field '" + where
                        + "': it is not part of Anthropic's Messages API, or Gatehouse does not support it.", where);
            }
        }
    }
}
