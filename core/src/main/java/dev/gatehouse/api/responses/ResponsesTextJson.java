package dev.gatehouse.api.responses;

import static dev.gatehouse.api.responses.Read.onlyFields;
import static dev.gatehouse.api.responses.Read.requiredText;
import static dev.gatehouse.api.wire.Fields.invalid;
import static dev.gatehouse.api.wire.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.wire.Fields;
import dev.gatehouse.json.Json;
import java.util.Set;

/**
 * {@code text} of a Responses request: {@code format} → the canonical response format, and
 * {@code verbosity} (https://platform.openai.com/docs/api-reference/responses/create, "text";
 * https://platform.openai.com/docs/guides/structured-outputs).
 */
final class ResponsesTextJson {

    private ResponsesTextJson() {}

    /** Sets the format and verbosity on {@code chat}; returns the {@code text} object the Response echoes. */
    static ObjectNode read(JsonNode text, ChatRequest.Builder chat) {
        ObjectNode echo = Json.object();
        if (!present(text)) {
            echo.putObject("format").put("type", "text");
            echo.put("verbosity", "medium");
            return echo;
        }
        Read.object(text, "text");
        onlyFields(text, "text", Set.of("format", "verbosity"));
        JsonNode format = text.get("format");
        if (present(format)) {
            chat.responseFormat(format(format));
            echo.set("format", format.deepCopy());
        } else {
            echo.putObject("format").put("type", "text");
        }
        String verbosity = Read.oneOf(text, "verbosity", "text.verbosity", Set.of("low", "medium", "high"));
        // Medium is the default: asking for it changes nothing, and a provider without the knob need not refuse it.
        if (verbosity != null && !verbosity.equals("medium")) {
            chat.extension("verbosity", TextNode.valueOf(verbosity));
        }
        echo.put("verbosity", verbosity == null ? "medium" : verbosity);
        return echo;
    }

    private static ResponseFormat format(JsonNode format) {
        Read.object(format, "text.format");
        String type = requiredText(format, "type", "text.format.type");
        return switch (type) {
            case "text" -> {
                onlyFields(format, "text.format", Set.of("type"));
                yield new ResponseFormat.Text();
            }
            case "json_object" -> {
                onlyFields(format, "text.format", Set.of("type"));
                yield new ResponseFormat.JsonObject();
            }
            case "json_schema" -> {
                onlyFields(format, "text.format", Set.of("type", "name", "schema", "description", "strict"));
                String name = requiredText(format, "name", "text.format.name");
                JsonNode schema = format.get("schema");
                if (!present(schema)) {
                    throw Read.missing("text.format.schema");
                }
                if (!schema.isObject()) {
                    throw invalid("text.format.schema", "a JSON Schema object", schema);
                }
                yield new ResponseFormat.JsonSchema(name, Fields.optionalText(format, "description",
                        "text.format.description"), schema, Fields.optionalBoolean(format, "strict", "text.format.strict"));
            }
            default -> throw Read.invalidValue("text.format.type", type, "text, json_object or json_schema");
        };
    }
}
