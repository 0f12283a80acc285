package dev.gatehouse.api.anthropic;

import static dev.gatehouse.api.anthropic.Read.notSupported;
import static dev.gatehouse.api.anthropic.Read.onlyFields;
import static dev.gatehouse.api.anthropic.Read.requiredText;
import static dev.gatehouse.api.wire.Fields.invalid;
import static dev.gatehouse.api.wire.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.api.wire.Fields;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of Anthropic's {@code POST /v1/messages} (and {@code /v1/messages/count_tokens})
 * → a canonical {@link ChatRequest} (https://platform.claude.com/docs/en/api/messages/create,
 * https://platform.claude.com/docs/en/api/messages/count_tokens).
 *
 * <table>
 *   <caption>What maps to what</caption>
 *   <tr><td>system, messages</td><td>messages ({@link MessagesContentJson})</td></tr>
 *   <tr><td>max_tokens (required)</td><td>max_tokens</td></tr>
 *   <tr><td>temperature, top_p, stop_sequences</td><td>temperature, top_p, stop</td></tr>
 *   <tr><td>top_k</td><td>the extension {@code top_k} (Anthropic and Gemini take it)</td></tr>
 *   <tr><td>metadata.user_id</td><td>user</td></tr>
 *   <tr><td>tools (custom)</td><td>function tools; input_schema → parameters</td></tr>
 *   <tr><td>tool_choice auto, any, tool, none; disable_parallel_tool_use</td>
 *       <td>auto, required, function, none; parallel_tool_calls false</td></tr>
 *   <tr><td>output_config.format (json_schema)</td><td>response_format json_schema</td></tr>
 *   <tr><td>thinking enabled or adaptive</td><td>the extension {@code thinking}, as it came (Anthropic
 *       deployments take it; other providers refuse it, or drop it where the deployment drops
 *       parameters); {@code disabled} is the default and is not sent</td></tr>
 *   <tr><td>stream</td><td>stream, always with usage (message_delta reports it)</td></tr>
 * </table>
 *
 * Fields Anthropic does not have are refused, as Anthropic refuses extra inputs; fields it has
 * that the canonical request can not carry (server tools, MCP servers, containers, context
 * management, output effort) are refused naming the field rather than ignored.
 */
public final class MessagesRequestJson {

    private static final Set<String> MESSAGE_FIELDS = Set.of("model", "max_tokens", "messages", "system", "metadata",
            "stop_sequences", "stream", "temperature", "top_k", "top_p", "tools", "tool_choice", "thinking",
            "output_config", "service_tier", "container", "mcp_servers", "context_management", "inference_geo",
            "cache_control", "speed", "diagnostics");
    private static final Set<String> COUNT_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice",
            "thinking", "output_config", "mcp_servers", "context_management", "cache_control");
    private static final Set<String> TOOL_FIELDS = Set.of("type", "name", "description", "input_schema",
            "cache_control", "strict");

    private MessagesRequestJson() {}

    /** A Messages request; {@code max_tokens} is required, as Anthropic requires it. */
    public static ChatRequest read(JsonNode body) {
        return read(body, false);
    }

    /** A count_tokens request: the same conversation, without the generation settings. */
    public static ChatRequest readCountTokens(JsonNode body) {
        return read(body, true);
    }

    private static ChatRequest read(JsonNode body, boolean countOnly) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.BadRequest("The request body must be a JSON object.", null);
        }
        onlyFields(body, "", countOnly ? COUNT_FIELDS : MESSAGE_FIELDS);
        for (String field : List.of("container", "mcp_servers", "context_management", "inference_geo", "cache_control",
                "speed", "diagnostics")) {
            if (present(body.get(field))) {
                throw notSupported(field, "it configures Anthropic's own platform, which the canonical request "
                        + "every provider serves has no place for");
            }
        }
        String model = requiredText(body, "model", "model");
        if (model.isBlank()) {
            throw new GatewayException.BadRequest("'model' must not be empty.", "model");
        }
        List<dev.gatehouse.api.Message> messages = new ArrayList<>(MessagesContentJson.readSystem(body.get("system")));
        messages.addAll(MessagesContentJson.readMessages(body.get("messages")));
        List<Tool> tools = readTools(body.get("tools"));
        ChatRequest.Builder b = ChatRequest.builder(model).messages(messages).tools(tools);
        readToolChoice(body.get("tool_choice"), b);
        readOutputConfig(body.get("output_config"), b);
        readThinking(body.get("thinking"), b);
        if (countOnly) {
            return b.build();
        }
        if (!present(body.get("max_tokens"))) {
            throw Read.missing("max_tokens");
        }
        b.maxTokens(Fields.optionalInt(body, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE))
                .temperature(Fields.optionalNumber(body, "temperature", "temperature", 0, 1))
                .topP(Fields.optionalNumber(body, "top_p", "top_p", 0, 1))
                .stop(readStop(body.get("stop_sequences")));
        Integer topK = Fields.optionalInt(body, "top_k", "top_k", 0, Integer.MAX_VALUE);
        if (topK != null) {
            b.extension("top_k", Json.mapper().getNodeFactory().numberNode(topK));
        }
        readMetadata(body.get("metadata"), b);
        String tier = Fields.optionalText(body, "service_tier", "service_tier");
        if (tier != null && !tier.equals("auto")) {
            throw notSupported("service_tier", "only 'auto', the default, can be served by every provider");
        }
        Boolean stream = Fields.optionalBoolean(body, "stream", "stream");
        // A stream always asks for usage: Anthropic's message_delta reports it.
        b.stream(Boolean.TRUE.equals(stream)).includeUsage(Boolean.TRUE.equals(stream));
        return b.build();
    }

    private static List<Tool> readTools(JsonNode tools) {
        if (!present(tools)) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw invalid("tools", "an array of tools", tools);
        }
        List<Tool> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = Read.object(tools.get(i), path);
            String type = Fields.optionalText(tool, "type", path + ".type");
            if (type != null && !type.equals("custom")) {
                throw notSupported(path + ".type", "'" + type + "' is one of Anthropic's server or client tools; "
                        + "only custom tools (with an input_schema) are translated");
            }
            onlyFields(tool, path, TOOL_FIELDS);
            JsonNode schema = tool.get("input_schema");
            if (!present(schema)) {
                throw Read.missing(path + ".input_schema");
            }
            if (!schema.isObject()) {
                throw invalid(path + ".input_schema", "a JSON Schema object", schema);
            }
            out.add(new Tool(requiredText(tool, "name", path + ".name"),
                    Fields.optionalText(tool, "description", path + ".description"), schema,
                    Fields.optionalBoolean(tool, "strict", path + ".strict")));
        }
        return out;
    }

    private static void readToolChoice(JsonNode choice, ChatRequest.Builder b) {
        if (!present(choice)) {
            return;
        }
        Read.object(choice, "tool_choice");
        String type = requiredText(choice, "type", "tool_choice.type");
        onlyFields(choice, "tool_choice", type.equals("tool") ? Set.of("type", "name", "disable_parallel_tool_use")
                : Set.of("type", "disable_parallel_tool_use"));
        b.toolChoice(switch (type) {
            case "auto" -> new ToolChoice.Auto();
            case "any" -> new ToolChoice.Required();
            case "none" -> new ToolChoice.None();
            case "tool" -> new ToolChoice.Function(requiredText(choice, "name", "tool_choice.name"));
            default -> throw new GatewayException.BadRequest("Invalid value for 'tool_choice.type': '" + type
                    + "'; expected auto, any, tool or none.", "tool_choice.type");
        });
        Boolean disableParallel = Fields.optionalBoolean(choice, "disable_parallel_tool_use",
                "tool_choice.disable_parallel_tool_use");
        if (Boolean.TRUE.equals(disableParallel)) {
            b.parallelToolCalls(false);
        }
    }

    private static void readOutputConfig(JsonNode config, ChatRequest.Builder b) {
        if (!present(config)) {
            return;
        }
        Read.object(config, "output_config");
        onlyFields(config, "output_config", Set.of("format", "effort"));
        if (present(config.get("effort"))) {
            throw notSupported("output_config.effort", "effort has no equivalent that every provider takes");
        }
        JsonNode format = config.get("format");
        if (!present(format)) {
            return;
        }
        Read.object(format, "output_config.format");
        onlyFields(format, "output_config.format", Set.of("type", "schema"));
        String type = requiredText(format, "type", "output_config.format.type");
        if (!type.equals("json_schema")) {
            throw new GatewayException.BadRequest("Invalid value for 'output_config.format.type': '" + type
                    + "'; expected json_schema.", "output_config.format.type");
        }
        JsonNode schema = format.get("schema");
        if (!present(schema) || !schema.isObject()) {
            throw invalid("output_config.format.schema", "a JSON Schema object", schema);
        }
        // Anthropic's format has no name; OpenAI's requires one.
        b.responseFormat(new ResponseFormat.JsonSchema("output", null, schema, null));
    }

    private static void readThinking(JsonNode thinking, ChatRequest.Builder b) {
        if (!present(thinking)) {
            return;
        }
        Read.object(thinking, "thinking");
        String type = requiredText(thinking, "type", "thinking.type");
        switch (type) {
            case "disabled" -> onlyFields(thinking, "thinking", Set.of("type"));
            case "enabled" -> {
                onlyFields(thinking, "thinking", Set.of("type", "budget_tokens", "display"));
                if (!present(thinking.get("budget_tokens"))) {
                    throw Read.missing("thinking.budget_tokens");
                }
                Fields.optionalInt(thinking, "budget_tokens", "thinking.budget_tokens", 1, Integer.MAX_VALUE);
                b.extension("thinking", thinking);
            }
            // Newer kinds of thinking pass as they came; the upstream that takes them checks them.
            case "adaptive", "between_tools" -> b.extension("thinking", thinking);
            default -> throw new GatewayException.BadRequest("Invalid value for 'thinking.type': '" + type
                    + "'; expected enabled, adaptive, between_tools or disabled.", "thinking.type");
        }
    }

    private static List<String> readStop(JsonNode stop) {
        if (!present(stop)) {
            return List.of();
        }
        if (!stop.isArray()) {
            throw invalid("stop_sequences", "an array of strings", stop);
        }
        List<String> out = new ArrayList<>(stop.size());
        for (int i = 0; i < stop.size(); i++) {
            if (!stop.get(i).isTextual()) {
                throw invalid("stop_sequences[" + i + "]", "a string", stop.get(i));
            }
            out.add(stop.get(i).asText());
        }
        return out;
    }

    private static void readMetadata(JsonNode metadata, ChatRequest.Builder b) {
        if (!present(metadata)) {
            return;
        }
        Read.object(metadata, "metadata");
        onlyFields(metadata, "metadata", Set.of("user_id"));
        b.user(Fields.optionalText(metadata, "user_id", "metadata.user_id"));
    }
}
