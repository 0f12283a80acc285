package dev.gatehouse.testkit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.RecordedRequest;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks Anthropic's {@code POST /v1/messages} makes before it answers: path, method,
 * credential, version header, and every top-level field of the body
 * (https://platform.claude.com/docs/en/api/messages/create). Fields the API does not know are
 * refused, as the API refuses extra inputs. Messages and system are checked by
 * {@link AnthropicMessageRules}.
 */
final class AnthropicRequestRules {

    static final String VERSION = "2023-06-01";

    /**
     * The top-level fields of a Messages request, and {@code context_management}, which the API
     * takes with its beta header and Claude Code sends on every request.
     */
    private static final Set<String> FIELDS = Set.of("model", "max_tokens", "messages", "system", "metadata",
            "stop_sequences", "stream", "temperature", "top_k", "top_p", "tools", "tool_choice", "thinking",
            "output_config", "service_tier", "container", "inference_geo", "cache_control", "context_management");
    /** The top-level fields of a count_tokens request (https://platform.claude.com/docs/en/api/messages/count_tokens). */
    private static final Set<String> COUNT_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice",
            "thinking", "output_config", "mcp_servers", "context_management", "cache_control");
    private static final Set<String> TOOL_FIELDS = Set.of("type", "name", "description", "input_schema",
            "cache_control", "strict", "eager_input_streaming", "input_examples", "defer_loading", "allowed_callers");
    private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    private static final Set<String> EFFORTS = Set.of("low", "medium", "high", "xhigh", "max");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AnthropicRequestRules() {}

    /** Refuses the request as the API would, or returns when the API would accept it. */
    static void check(RecordedRequest request, String apiKey) {
        boolean count = request.pathOnly().equals("/v1/messages/count_tokens");
        if (!request.pathOnly().equals("/v1/messages") && !count) {
            throw new Refusal(404, "no route " + request.pathOnly() + " (the Messages API is POST /v1/messages)");
        }
        if (!request.method().equals("POST")) {
            throw new Refusal(405, "method " + request.method() + " not allowed on " + request.pathOnly());
        }
        if (!request.header("x-api-key").map(apiKey::equals).orElse(false)) {
            throw new Refusal(401, "invalid x-api-key (missing, or not the fake's key)");
        }
        String version = request.header("anthropic-version").orElse(null);
        if (version == null) {
            throw Refusal.invalid("anthropic-version: header is required");
        }
        if (!version.equals(VERSION)) {
            throw Refusal.invalid("anthropic-version: '" + version + "' is not " + VERSION);
        }
        if (!request.header("content-type").map(type -> type.startsWith("application/json")).orElse(false)) {
            throw Refusal.invalid("content-type: the body must be sent as application/json");
        }
        if (count) {
            checkCountBody(parse(request.body()));
        } else {
            checkBody(withoutBetaFields(parse(request.body()), request.header("anthropic-beta").orElse("")));
        }
    }

    /**
     * The body less what a beta named in {@code anthropic-beta} adds (the API takes it only with
     * that beta), so that the non-beta checks hold for the rest: {@code system} turns inside
     * {@code messages} with the mid-conversation beta. Claude Code sends them; refused, it drops
     * that beta and sends the text as user content instead (docs/agents.md).
     */
    private static JsonNode withoutBetaFields(JsonNode body, String betas) {
        if (!betas.contains("mid-conversation-") || !body.path("messages").isArray()) {
            return body;
        }
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        ArrayNode messages = (ArrayNode) copy.get("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("role").asText().equals("system")) {
                messages.remove(i);
            }
        }
        return copy;
    }

    /** count_tokens takes the conversation and its tools, none of the generation settings. */
    private static void checkCountBody(JsonNode body) {
        onlyFields(body, "", COUNT_FIELDS.toArray(String[]::new));
        AnthropicMessageRules.nonEmptyText(body, "model", "body");
        AnthropicMessageRules.checkMessages(body.get("messages"));
        if (body.has("system")) {
            AnthropicMessageRules.checkSystem(body.get("system"));
        }
        Set<String> toolNames = checkTools(body.get("tools"));
        if (body.has("tool_choice")) {
            checkToolChoice(body.get("tool_choice"), toolNames);
        }
        if (body.has("output_config")) {
            checkOutputConfig(body.get("output_config"));
        }
        if (body.has("thinking")) {
            checkThinking(body.get("thinking"), Long.MAX_VALUE);
        }
    }

    static JsonNode parse(byte[] body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            if (json == null || !json.isObject()) {
                throw Refusal.invalid("the body must be a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw Refusal.invalid("There was an error parsing the body of your request: it is not JSON");
        }
    }

    static void checkBody(JsonNode body) {
        onlyFields(body, "", FIELDS.toArray(String[]::new));
        AnthropicMessageRules.nonEmptyText(body, "model", "body");
        JsonNode maxTokens = body.get("max_tokens");
        // The API documents max_tokens 0 as a way to warm the prompt cache; negative values are refused.
        if (maxTokens == null || !maxTokens.isIntegralNumber() || maxTokens.asLong() < 0) {
            throw Refusal.invalid("max_tokens: Field required (a non-negative integer)");
        }
        AnthropicMessageRules.checkMessages(body.get("messages"));
        if (body.has("system")) {
            AnthropicMessageRules.checkSystem(body.get("system"));
        }
        range(body, "temperature", 0, 1);
        range(body, "top_p", 0, 1);
        if (body.has("top_k") && (!body.get("top_k").isIntegralNumber() || body.get("top_k").asLong() < 0)) {
            throw Refusal.invalid("top_k: Input should be a non-negative integer");
        }
        if (body.has("stream") && !body.get("stream").isBoolean()) {
            throw Refusal.invalid("stream: Input should be a valid boolean");
        }
        if (body.has("stop_sequences")) {
            JsonNode stop = body.get("stop_sequences");
            if (!stop.isArray() || !allText(stop)) {
                throw Refusal.invalid("stop_sequences: Input should be a list of strings");
            }
        }
        if (body.has("metadata")) {
            JsonNode metadata = body.get("metadata");
            onlyFields(metadata, "metadata", "user_id");
            if (metadata.has("user_id") && !metadata.get("user_id").isTextual() && !metadata.get("user_id").isNull()) {
                throw Refusal.invalid("metadata.user_id: Input should be a valid string");
            }
        }
        Set<String> toolNames = checkTools(body.get("tools"));
        if (body.has("tool_choice")) {
            checkToolChoice(body.get("tool_choice"), toolNames);
        }
        if (body.has("output_config")) {
            checkOutputConfig(body.get("output_config"));
        }
        if (body.has("thinking")) {
            checkThinking(body.get("thinking"), body.get("max_tokens").asLong());
        }
    }

    private static Set<String> checkTools(JsonNode tools) {
        Set<String> names = new HashSet<>();
        if (tools == null) {
            return names;
        }
        if (!tools.isArray()) {
            throw Refusal.invalid("tools: Input should be a valid list");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String where = "tools." + i;
            onlyFields(tool, where, TOOL_FIELDS.toArray(String[]::new));
            if (tool.has("type") && !tool.get("type").asText().equals("custom")) {
                throw Refusal.invalid(where + ".type: server tools are not served by this fake");
            }
            String name = AnthropicMessageRules.nonEmptyText(tool, "name", where);
            if (!TOOL_NAME.matcher(name).matches()) {
                throw Refusal.invalid(where + ".name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'");
            }
            if (!names.add(name)) {
                throw Refusal.invalid("tools: Tool names must be unique, '" + name + "' appears twice");
            }
            JsonNode schema = tool.get("input_schema");
            if (schema == null || !schema.isObject() || !"object".equals(schema.path("type").asText())) {
                throw Refusal.invalid(where + ".input_schema: a JSON schema object with type 'object' is required");
            }
            if (tool.has("description") && !tool.get("description").isTextual()) {
                throw Refusal.invalid(where + ".description: Input should be a valid string");
            }
            if (tool.has("strict") && !tool.get("strict").isBoolean()) {
                throw Refusal.invalid(where + ".strict: Input should be a valid boolean");
            }
        }
        return names;
    }

    private static void checkToolChoice(JsonNode choice, Set<String> toolNames) {
        String type = choice.path("type").asText();
        switch (type) {
            case "auto", "any" -> onlyFields(choice, "tool_choice", "type", "disable_parallel_tool_use");
            case "none" -> onlyFields(choice, "tool_choice", "type");
            case "tool" -> {
                onlyFields(choice, "tool_choice", "type", "name", "disable_parallel_tool_use");
                String name = AnthropicMessageRules.nonEmptyText(choice, "name", "tool_choice");
                if (!toolNames.contains(name)) {
                    throw Refusal.invalid("tool_choice.name: tool '" + name + "' is not among the tools");
                }
            }
            default -> throw Refusal.invalid("tool_choice.type: Input tag '" + type
                    + "' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
        }
        if (choice.has("disable_parallel_tool_use") && !choice.get("disable_parallel_tool_use").isBoolean()) {
            throw Refusal.invalid("tool_choice.disable_parallel_tool_use: Input should be a valid boolean");
        }
    }

    private static void checkOutputConfig(JsonNode config) {
        onlyFields(config, "output_config", "format", "effort");
        if (config.has("effort") && !EFFORTS.contains(config.get("effort").asText())) {
            throw Refusal.invalid("output_config.effort: Input should be one of " + EFFORTS);
        }
        if (config.has("format")) {
            JsonNode format = config.get("format");
            onlyFields(format, "output_config.format", "type", "schema");
            if (!"json_schema".equals(format.path("type").asText()) || !format.path("schema").isObject()) {
                throw Refusal.invalid("output_config.format: type 'json_schema' and a schema object are required");
            }
        }
    }

    private static void checkThinking(JsonNode thinking, long maxTokens) {
        switch (thinking.path("type").asText()) {
            case "enabled" -> {
                onlyFields(thinking, "thinking", "type", "budget_tokens", "display");
                long budget = thinking.path("budget_tokens").asLong(-1);
                if (budget < 1024 || budget >= maxTokens) {
                    throw Refusal.invalid("thinking.budget_tokens: must be at least 1024 and less than max_tokens");
                }
            }
            case "adaptive" -> onlyFields(thinking, "thinking", "type", "display");
            case "disabled" -> onlyFields(thinking, "thinking", "type");
            default -> throw Refusal.invalid("thinking.type: Input tag '" + thinking.path("type").asText()
                    + "' does not match any of the expected tags: 'enabled', 'adaptive', 'disabled'");
        }
    }

    private static void range(JsonNode body, String field, double min, double max) {
        JsonNode value = body.get(field);
        if (value != null && (!value.isNumber() || value.asDouble() < min || value.asDouble() > max)) {
            throw Refusal.invalid(field + ": Input should be a number between " + min + " and " + max + ", got " + value);
        }
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** Refuses an object with a field outside {@code allowed}, as the API refuses extra inputs. */
    static void onlyFields(JsonNode node, String where, String... allowed) {
        if (node == null || !node.isObject()) {
            throw Refusal.invalid((where.isEmpty() ? "body" : where) + ": Input should be a valid dictionary");
        }
        Set<String> known = Set.of(allowed);
        for (var field : node.properties()) {
            String name = field.getKey();
            if (!known.contains(name)) {
                throw Refusal.invalid((where.isEmpty() ? "" : where + ".") + name + ": Extra inputs are not permitted");
            }
        }
    }
}
