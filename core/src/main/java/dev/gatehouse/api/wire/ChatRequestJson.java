package dev.gatehouse.api.wire;

import static dev.gatehouse.api.wire.Fields.invalid;
import static dev.gatehouse.api.wire.Fields.optionalBoolean;
import static dev.gatehouse.api.wire.Fields.optionalInt;
import static dev.gatehouse.api.wire.Fields.optionalLong;
import static dev.gatehouse.api.wire.Fields.optionalNumber;
import static dev.gatehouse.api.wire.Fields.optionalText;
import static dev.gatehouse.api.wire.Fields.present;
import static dev.gatehouse.api.wire.Fields.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAI Chat Completions request body, both ways. Reading checks every field it knows
 * and fails with a 400 naming the field. Top-level fields it does not know are kept as
 * extensions (each deployment's dialect then passes, drops or refuses them); a field it does not
 * know inside the objects it reads (messages, content parts, tools, response_format, …) is
 * refused with a 400 naming its path, as OpenAI's own API does, because the canonical request
 * has nowhere to keep it and dropping it in silence would change the request behind the
 * caller's back. Field names and types follow the OpenAI API reference for
 * {@code POST /v1/chat/completions}.
 */
public final class ChatRequestJson {

    /** The fields read into typed components; every other top-level field is an extension. */
    private static final Set<String> TYPED = Set.of("model", "messages", "tools", "tool_choice",
            "parallel_tool_calls", "response_format", "max_tokens", "max_completion_tokens", "stop", "temperature",
            "top_p", "seed", "n", "stream", "stream_options", "user");

    private static final int MAX_N = 128;

    /** The fields of the objects this reader looks into: everything else inside them is refused. */
    private static final FieldShape.Named FUNCTION_CALL = FieldShape.names("name", "arguments");
    private static final FieldShape.Named NESTED = FieldShape.of(
            "messages", FieldShape.of(
                    "role", FieldShape.ANY, "name", FieldShape.ANY, "tool_call_id", FieldShape.ANY,
                    "refusal", FieldShape.ANY, "reasoning_content", FieldShape.ANY,
                    "reasoning_signature", FieldShape.ANY, "function_call", FieldShape.ANY,
                    "content", FieldShape.of("type", FieldShape.ANY, "text", FieldShape.ANY, "refusal", FieldShape.ANY,
                            "image_url", FieldShape.names("url", "detail")),
                    "tool_calls", FieldShape.of("id", FieldShape.ANY, "type", FieldShape.ANY,
                            "function", FUNCTION_CALL)),
            "tools", FieldShape.of("type", FieldShape.ANY,
                    "function", FieldShape.names("name", "description", "parameters", "strict")),
            "tool_choice", FieldShape.of("type", FieldShape.ANY, "function", FieldShape.names("name")),
            "response_format", FieldShape.of("type", FieldShape.ANY,
                    "json_schema", FieldShape.names("name", "description", "schema", "strict")),
            "stream_options", FieldShape.names("include_usage"));

    private ChatRequestJson() {}

    public static ChatRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.BadRequest("The request body must be a JSON object.", null);
        }
        String model = requiredText(body, "model", "model");
        if (model.isBlank()) {
            throw new GatewayException.BadRequest("'model' must not be empty.", "model");
        }
        ChatRequest.Builder b = ChatRequest.builder(model)
                .messages(MessagesJson.read(Fields.requiredArray(body, "messages", "messages"), "messages"))
                .tools(readTools(body.get("tools")))
                .toolChoice(readToolChoice(body.get("tool_choice")))
                .parallelToolCalls(optionalBoolean(body, "parallel_tool_calls", "parallel_tool_calls"))
                .responseFormat(readResponseFormat(body.get("response_format")))
                .maxTokens(optionalInt(body, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE))
                .maxCompletionTokens(optionalInt(body, "max_completion_tokens", "max_completion_tokens", 1,
                        Integer.MAX_VALUE))
                .stop(readStop(body.get("stop")))
                .temperature(optionalNumber(body, "temperature", "temperature", 0, 2))
                .topP(optionalNumber(body, "top_p", "top_p", 0, 1))
                .seed(optionalLong(body, "seed", "seed"))
                .n(optionalInt(body, "n", "n", 1, MAX_N))
                .user(optionalText(body, "user", "user"));
        ExtensionNumbers.check(body);
        Boolean stream = optionalBoolean(body, "stream", "stream");
        b.stream(stream != null && stream);
        JsonNode options = body.get("stream_options");
        if (present(options)) {
            if (!options.isObject()) {
                throw invalid("stream_options", "an object", options);
            }
            Boolean include = optionalBoolean(options, "include_usage", "stream_options.include_usage");
            b.includeUsage(include != null && include);
        }
        refuseUnknownNested(body);
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!TYPED.contains(field.getKey())) {
                b.extension(field.getKey(), field.getValue());
            }
        }
        return b.build();
    }

    /** A field inside a typed object that the canonical request does not carry: a 400 naming its path. */
    private static void refuseUnknownNested(JsonNode body) {
        List<FieldShape.Unknown> unknown = new ArrayList<>(0);
        NESTED.fields().forEach((name, shape) -> shape.findUnknown(body.get(name), name, unknown));
        if (!unknown.isEmpty()) {
            String path = unknown.getFirst().path();
            throw new GatewayException.BadRequest("Unknown parameter: '" + path + "'. Gatehouse does not take it "
                    + "there; remove it.", path, "unknown_parameter", null);
        }
    }

    private static List<Tool> readTools(JsonNode tools) {
        if (!present(tools)) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw invalid("tools", "an array", tools);
        }
        List<Tool> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            if (!tool.isObject()) {
                throw invalid(path, "a tool object", tool);
            }
            String type = requiredText(tool, "type", path + ".type");
            if (!type.equals("function")) {
                throw new GatewayException.BadRequest("Tools of type '" + type + "' are not supported; only "
                        + "'function'.", path + ".type");
            }
            JsonNode function = Fields.requiredObject(tool, "function", path + ".function");
            JsonNode parameters = function.get("parameters");
            if (present(parameters) && !parameters.isObject()) {
                throw invalid(path + ".function.parameters", "a JSON Schema object", parameters);
            }
            out.add(new Tool(requiredText(function, "name", path + ".function.name"),
                    optionalText(function, "description", path + ".function.description"),
                    present(parameters) ? parameters : null,
                    optionalBoolean(function, "strict", path + ".function.strict")));
        }
        return out;
    }

    private static ToolChoice readToolChoice(JsonNode choice) {
        if (!present(choice)) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> new ToolChoice.Auto();
                case "none" -> new ToolChoice.None();
                case "required" -> new ToolChoice.Required();
                default -> throw new GatewayException.BadRequest("Invalid value for 'tool_choice': '" + choice.asText()
                        + "'; expected auto, none, required or a function.", "tool_choice");
            };
        }
        if (!choice.isObject()) {
            throw invalid("tool_choice", "a string or an object", choice);
        }
        String type = requiredText(choice, "type", "tool_choice.type");
        if (!type.equals("function")) {
            throw new GatewayException.BadRequest("Invalid value for 'tool_choice.type': only 'function' is supported.",
                    "tool_choice.type");
        }
        JsonNode function = Fields.requiredObject(choice, "function", "tool_choice.function");
        return new ToolChoice.Function(requiredText(function, "name", "tool_choice.function.name"));
    }

    private static ResponseFormat readResponseFormat(JsonNode format) {
        if (!present(format)) {
            return null;
        }
        if (!format.isObject()) {
            throw invalid("response_format", "an object", format);
        }
        String type = requiredText(format, "type", "response_format.type");
        return switch (type) {
            case "text" -> new ResponseFormat.Text();
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> {
                JsonNode schema = Fields.requiredObject(format, "json_schema", "response_format.json_schema");
                JsonNode body = schema.get("schema");
                if (present(body) && !body.isObject()) {
                    throw invalid("response_format.json_schema.schema", "a JSON Schema object", body);
                }
                yield new ResponseFormat.JsonSchema(
                        requiredText(schema, "name", "response_format.json_schema.name"),
                        optionalText(schema, "description", "response_format.json_schema.description"),
                        present(body) ? body : null,
                        optionalBoolean(schema, "strict", "response_format.json_schema.strict"));
            }
            default -> throw new GatewayException.BadRequest("Invalid value for 'response_format.type': '" + type
                    + "'; expected text, json_object or json_schema.", "response_format.type");
        };
    }

    private static List<String> readStop(JsonNode stop) {
        if (!present(stop)) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (!stop.isArray()) {
            throw invalid("stop", "a string or an array of strings", stop);
        }
        List<String> out = new ArrayList<>(stop.size());
        for (int i = 0; i < stop.size(); i++) {
            if (!stop.get(i).isTextual()) {
                throw invalid("stop[" + i + "]", "a string", stop.get(i));
            }
            out.add(stop.get(i).asText());
        }
        return out;
    }

    // ---- writing ----

    /** The request as OpenAI's JSON: typed fields first, then the extensions as they came. */
    public static ObjectNode write(ChatRequest request) {
        ObjectNode node = Json.object();
        node.put("model", request.model());
        node.set("messages", MessagesJson.write(request.messages()));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = node.putArray("tools");
            for (Tool tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name());
                MessagesJson.putIfNotNull(function, "description", tool.description());
                if (tool.parameters() != null) {
                    function.set("parameters", tool.parameters());
                }
                if (tool.strict() != null) {
                    function.put("strict", tool.strict());
                }
            }
        }
        if (request.toolChoice() != null) {
            switch (request.toolChoice()) {
                case ToolChoice.Auto a -> node.put("tool_choice", "auto");
                case ToolChoice.None n -> node.put("tool_choice", "none");
                case ToolChoice.Required r -> node.put("tool_choice", "required");
                case ToolChoice.Function f -> node.putObject("tool_choice").put("type", "function")
                        .putObject("function").put("name", f.name());
            }
        }
        if (request.parallelToolCalls() != null) {
            node.put("parallel_tool_calls", request.parallelToolCalls());
        }
        if (request.responseFormat() != null) {
            node.set("response_format", writeResponseFormat(request.responseFormat()));
        }
        if (request.maxTokens() != null) {
            node.put("max_tokens", request.maxTokens());
        }
        if (request.maxCompletionTokens() != null) {
            node.put("max_completion_tokens", request.maxCompletionTokens());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = node.putArray("stop");
            request.stop().forEach(stop::add);
        }
        if (request.temperature() != null) {
            node.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            node.put("top_p", request.topP());
        }
        if (request.seed() != null) {
            node.put("seed", request.seed());
        }
        if (request.n() != null) {
            node.put("n", request.n());
        }
        if (request.stream()) {
            node.put("stream", true);
            if (request.includeUsage()) {
                node.putObject("stream_options").put("include_usage", true);
            }
        }
        MessagesJson.putIfNotNull(node, "user", request.user());
        request.extensions().forEach(node::set);
        return node;
    }

    private static ObjectNode writeResponseFormat(ResponseFormat format) {
        ObjectNode node = Json.object();
        switch (format) {
            case ResponseFormat.Text t -> node.put("type", "text");
            case ResponseFormat.JsonObject j -> node.put("type", "json_object");
            case ResponseFormat.JsonSchema s -> {
                node.put("type", "json_schema");
                ObjectNode schema = node.putObject("json_schema").put("name", s.name());
                MessagesJson.putIfNotNull(schema, "description", s.description());
                if (s.schema() != null) {
                    schema.set("schema", s.schema());
                }
                if (s.strict() != null) {
                    schema.put("strict", s.strict());
                }
            }
        }
        return node;
    }
}
