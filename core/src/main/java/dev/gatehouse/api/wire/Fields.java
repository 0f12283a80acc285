package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import java.util.function.Function;

/**
 * Typed reads of request fields, each failing with an OpenAI-style 400 that names the field
 * by its path ({@code messages[2].content}) and says what was expected. Public for the other
 * front-door codecs ({@code dev.gatehouse.api.anthropic}, {@code dev.gatehouse.api.responses}), which
 * read their fields the same way.
 */
public final class Fields {

    private Fields() {}

    public static GatewayException.BadRequest invalid(String path, String expected, JsonNode got) {
        return new GatewayException.BadRequest(
                "Invalid value for '" + path + "': expected " + expected + ", got " + describe(got) + ".", path);
    }

    static GatewayException.BadRequest missing(String path) {
        return new GatewayException.BadRequest("Missing required parameter: '" + path + "'.", path);
    }

    public static String describe(JsonNode node) {
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

    public static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    static String requiredText(JsonNode parent, String name, String path) {
        return requiredText(parent, name, path, Fields::missing);
    }

    /** A required string; {@code missing} words its absence as the front door's API does. */
    public static String requiredText(JsonNode parent, String name, String path,
            Function<String, GatewayException.BadRequest> missing) {
        JsonNode node = parent.get(name);
        if (!present(node)) {
            throw missing.apply(path);
        }
        if (!node.isTextual()) {
            throw invalid(path, "a string", node);
        }
        return node.asText();
    }

    public static String optionalText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (!present(node)) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(path, "a string", node);
        }
        return node.asText();
    }

    public static Boolean optionalBoolean(JsonNode parent, String name, String path) {
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
    public static Integer optionalInt(JsonNode parent, String name, String path, int min, int max) {
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

    static Long optionalLong(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (!present(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalid(path, "an integer", node);
        }
        return node.asLong();
    }

    /** A number within [min, max]. */
    public static Double optionalNumber(JsonNode parent, String name, String path, double min, double max) {
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

    /** {@code node} itself, which must be an object. */
    public static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw invalid(path, "an object", node);
        }
        return node;
    }

    static JsonNode requiredArray(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (!present(node)) {
            throw missing(path);
        }
        if (!node.isArray()) {
            throw invalid(path, "an array", node);
        }
        return node;
    }

    static JsonNode requiredObject(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (!present(node)) {
            throw missing(path);
        }
        if (!node.isObject()) {
            throw invalid(path, "an object", node);
        }
        return node;
    }
}
