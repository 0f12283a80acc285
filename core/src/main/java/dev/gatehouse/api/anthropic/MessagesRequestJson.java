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
 * https://platform.claude.com/docs/en/api/messages/count_tokens), for a model served by a
 * provider that does not speak Anthropic's API. Every field of the reference is accepted, and
 * each is mapped, dropped (named in {@link TranslatedMessages#dropped}) or refused; the whole
 * table is in docs/agents.md, "The Anthropic front door".
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
 *   <tr><td>output_config.format, output_format (json_schema)</td><td>response_format json_schema</td></tr>
 *   <tr><td>thinking, output_config.effort</td><td>the extension {@code reasoning_effort}
 *       ({@link ThinkingEffort})</td></tr>
 *   <tr><td>stream</td><td>stream, always with usage (message_delta reports it)</td></tr>
 *   <tr><td>context_management, cache_control (everywhere), container, service_tier,
 *       inference_geo, speed, diagnostics, compaction, fallbacks, billing_policy,
 *       fallback_credit_token, thinking.display and block_binding, output_config.task_budget;
 *       tools' defer_loading, input_examples, eager_input_streaming, allowed_callers</td>
 *       <td>dropped and named: they steer Anthropic's platform, not what the answer says</td></tr>
 *   <tr><td>mcp_servers, thread; server tools (web search, code execution, …)</td>
 *       <td>refused: without them the answer would mean something else</td></tr>
 * </table>
 *
 * Fields Anthropic does not have are refused, as Anthropic refuses extra inputs.
 */
public final class MessagesRequestJson {

    private static final Set<String> MESSAGE_FIELDS = Set.of("model", "max_tokens", "messages", "system", "metadata",
            "stop_sequences", "stream", "temperature", "top_k", "top_p", "tools", "tool_choice", "thinking",
            "output_config", "output_format", "service_tier", "container", "mcp_servers", "context_management",
            "inference_geo", "cache_control", "speed", "diagnostics", "compaction", "fallbacks", "billing_policy",
            "fallback_credit_token", "thread");
    private static final Set<String> COUNT_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice",
            "thinking", "output_config", "output_format", "mcp_servers", "context_management", "cache_control");
    /** Fields that only steer Anthropic's own platform: left out, and named, on a translated request. */
    private static final List<String> PLATFORM_FIELDS = List.of("context_management", "cache_control", "container",
            "service_tier", "inference_geo", "speed", "diagnostics", "compaction", "fallbacks", "billing_policy",
            "fallback_credit_token");
    private static final Set<String> TOOL_FIELDS = Set.of("type", "name", "description", "input_schema",
            "cache_control", "strict", "defer_loading", "input_examples", "eager_input_streaming", "allowed_callers");
    /** Tool fields that tune how Anthropic loads, shows or streams a tool, not what it does. */
    private static final List<String> TOOL_PLATFORM_FIELDS = List.of("cache_control", "defer_loading",
            "input_examples", "eager_input_streaming", "allowed_callers");

    private MessagesRequestJson() {}

    /** A Messages request; {@code max_tokens} is required, as Anthropic requires it. */
    public static ChatRequest read(JsonNode body) {
        return translate(body).request();
    }

    /** A Messages request and what its translation left out. */
    public static TranslatedMessages translate(JsonNode body) {
        return translate(body, true);
    }

    /**
     * A Messages request and what its translation left out, for a model that reasons (or may:
     * {@code reasons} true) or one whose deployments say it does not ({@code reasons} false): then
     * {@code thinking} (and {@code output_config.effort}) asks for nothing and is named as dropped,
     * since such a model refuses a reasoning effort ({@link ThinkingEffort}).
     */
    public static TranslatedMessages translate(JsonNode body, boolean reasons) {
        return read(body, false, reasons);
    }

    /** A count_tokens request: the same conversation, without the generation settings. */
    public static ChatRequest readCountTokens(JsonNode body) {
        return translateCountTokens(body).request();
    }

    /** A count_tokens request and what its translation left out. */
    public static TranslatedMessages translateCountTokens(JsonNode body) {
        return translateCountTokens(body, true);
    }

    /** A count_tokens request and what its translation left out; {@code reasons} as in {@link #translate(JsonNode, boolean)}. */
    public static TranslatedMessages translateCountTokens(JsonNode body, boolean reasons) {
        return read(body, true, reasons);
    }

    private static TranslatedMessages read(JsonNode body, boolean countOnly, boolean reasons) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.BadRequest("The request body must be a JSON object.", null);
        }
        onlyFields(body, "", countOnly ? COUNT_FIELDS : MESSAGE_FIELDS);
        readMcpServers(body.get("mcp_servers"));
        if (present(body.get("thread"))) {
            // Newer than the reference Gatehouse follows: what it asks of Anthropic's platform is not
            // documented there, so it is not left out on a guess.
            throw notSupported("thread", "it is only served for models on Anthropic's own API");
        }
        DroppedFields dropped = new DroppedFields();
        for (String field : PLATFORM_FIELDS) {
            if (present(body.get(field))) {
                checkPlatformField(field, body.get(field));
                dropped.add(field);
            }
        }
        String model = requiredText(body, "model", "model");
        if (model.isBlank()) {
            throw new GatewayException.BadRequest("'model' must not be empty.", "model");
        }
        List<dev.gatehouse.api.Message> messages = new ArrayList<>(
                MessagesContentJson.readSystem(body.get("system"), dropped));
        messages.addAll(MessagesContentJson.readMessages(body.get("messages"), dropped));
        List<Tool> tools = readTools(body.get("tools"), dropped);
        ChatRequest.Builder b = ChatRequest.builder(model).messages(messages).tools(tools);
        readToolChoice(body.get("tool_choice"), b);
        JsonNode config = readOutputConfig(body.get("output_config"), b, dropped);
        if (present(body.get("output_format")) && config != null && present(config.get("format"))) {
            throw new GatewayException.BadRequest("'output_format' and 'output_config.format' say the same thing; "
                    + "send only 'output_config.format'.", "output_format");
        }
        readOutputFormat(body.get("output_format"), "output_format", b);
        String effort = ThinkingEffort.read(body.get("thinking"), config == null ? null : config.get("effort"),
                reasons, dropped);
        if (effort != null) {
            b.extension("reasoning_effort", Json.mapper().getNodeFactory().textNode(effort));
        }
        if (countOnly) {
            return new TranslatedMessages(b.build(), dropped.list());
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
        Boolean stream = Fields.optionalBoolean(body, "stream", "stream");
        // A stream always asks for usage: Anthropic's message_delta reports it.
        b.stream(Boolean.TRUE.equals(stream)).includeUsage(Boolean.TRUE.equals(stream));
        return new TranslatedMessages(b.build(), dropped.list());
    }

    /** A dropped field is still checked for its shape: a malformed request is refused, as Anthropic would. */
    private static void checkPlatformField(String field, JsonNode value) {
        switch (field) {
            case "context_management", "cache_control" -> Read.object(value, field);
            case "service_tier", "inference_geo", "speed" -> {
                if (!value.isTextual()) {
                    throw invalid(field, "a string", value);
                }
            }
            case "container" -> {
                if (!value.isTextual() && !value.isObject()) {
                    throw invalid(field, "a container id or an object", value);
                }
            }
            default -> { } // diagnostics: its shape is not documented
        }
    }

    /**
     * MCP servers make the upstream itself call tools on servers the caller names; without them
     * the model could not use those tools at all, so a request that names any is refused.
     */
    private static void readMcpServers(JsonNode servers) {
        if (!present(servers)) {
            return;
        }
        if (!servers.isArray()) {
            throw invalid("mcp_servers", "an array of MCP server definitions", servers);
        }
        if (!servers.isEmpty()) {
            throw notSupported("mcp_servers", "the model's provider can not connect to MCP servers; run the MCP "
                    + "client on the caller's side and pass its tools as custom tools");
        }
    }

    private static List<Tool> readTools(JsonNode tools, DroppedFields dropped) {
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
                throw notSupported(path + ".type", "'" + type + "' is one of Anthropic's server or client tools, "
                        + "which only Anthropic runs or only Claude is trained on; only custom tools (with an "
                        + "input_schema) are translated");
            }
            onlyFields(tool, path, TOOL_FIELDS);
            for (String field : TOOL_PLATFORM_FIELDS) {
                if (present(tool.get(field))) {
                    dropped.add(path + "." + field);
                }
            }
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

    /** {@code output_config}: its format read here, its effort by {@link ThinkingEffort}; null when absent. */
    private static JsonNode readOutputConfig(JsonNode config, ChatRequest.Builder b, DroppedFields dropped) {
        if (!present(config)) {
            return null;
        }
        Read.object(config, "output_config");
        onlyFields(config, "output_config", Set.of("format", "effort", "task_budget"));
        readOutputFormat(config.get("format"), "output_config.format", b);
        if (present(config.get("task_budget"))) {
            dropped.add("output_config.task_budget"); // a budget Anthropic keeps across an agent's turns
        }
        return config;
    }

    /**
     * A JSON-schema output format, at {@code output_config.format} or (the structured-outputs
     * beta's older place) {@code output_format}.
     */
    private static void readOutputFormat(JsonNode format, String path, ChatRequest.Builder b) {
        if (!present(format)) {
            return;
        }
        Read.object(format, path);
        onlyFields(format, path, Set.of("type", "schema"));
        String type = requiredText(format, "type", path + ".type");
        if (!type.equals("json_schema")) {
            throw new GatewayException.BadRequest("Invalid value for '" + path + ".type': '" + type
                    + "'; expected json_schema.", path + ".type");
        }
        JsonNode schema = format.get("schema");
        if (!present(schema) || !schema.isObject()) {
            throw invalid(path + ".schema", "a JSON Schema object", schema);
        }
        // Anthropic's format has no name; OpenAI's requires one.
        b.responseFormat(new ResponseFormat.JsonSchema("output", null, schema, null));
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
