package dev.gatehouse.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testkit.FakeProvider.Violation;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What OpenAI's Responses endpoint ({@code POST /v1/responses}) refuses, checked the way the API
 * does, with its error's {@code param} and {@code code}: unknown top-level fields, a missing
 * {@code model}, wrong types, input items of unknown types or without their required fields, a
 * {@code function_call_output} whose {@code call_id} no earlier {@code function_call} of the input
 * made (unless a {@code previous_response_id} may have), tool definitions (flat function tools,
 * the built-in tool types), {@code tool_choice}, {@code text.format} and {@code reasoning}. Field
 * list: the API reference of "Create a model response" and its OpenAPI spec ({@code CreateResponse}).
 */
final class ResponsesRequestCheck {

    /**
     * The documented fields, and {@code client_metadata}: Codex, OpenAI's own client, sends it to
     * OpenAI's API on every request (docs/agents.md).
     */
    private static final Set<String> FIELDS = Set.of("model", "input", "instructions", "background", "conversation",
            "include", "max_output_tokens", "max_tool_calls", "metadata", "parallel_tool_calls",
            "previous_response_id", "prompt", "prompt_cache_key", "prompt_cache_retention", "reasoning",
            "safety_identifier", "service_tier", "store", "stream", "stream_options", "temperature", "text",
            "tool_choice", "tools", "top_logprobs", "top_p", "truncation", "user", "client_metadata");
    /** Item types the fake takes without looking inside: the built-in tools' calls and results. */
    private static final Set<String> OPAQUE_ITEMS = Set.of("file_search_call", "computer_call", "computer_call_output",
            "web_search_call", "image_generation_call", "code_interpreter_call", "local_shell_call",
            "local_shell_call_output", "mcp_list_tools", "mcp_approval_request", "mcp_approval_response", "mcp_call",
            "custom_tool_call", "custom_tool_call_output", "item_reference");
    private static final Set<String> BUILT_IN_TOOLS = Set.of("web_search", "web_search_preview",
            "web_search_2025_08_26", "web_search_preview_2025_03_11", "file_search", "computer_use_preview",
            "code_interpreter", "image_generation", "mcp", "local_shell", "custom", "shell", "apply_patch");
    private static final Set<String> ROLES = Set.of("user", "assistant", "system", "developer");
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private ResponsesRequestCheck() {}

    /** Why the real API would refuse this body, or empty. */
    static Optional<Violation> check(JsonNode body) {
        if (body == null || !body.isObject()) {
            return bad("The body of the request must be a JSON object.", null, "invalid_type");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                return bad("Unknown parameter: '" + field.getKey() + "'.", field.getKey(), "unknown_parameter");
            }
        }
        if (!body.has("model")) {
            return bad("Missing required parameter: 'model'.", "model", "missing_required_parameter");
        }
        return type(body, "model", JsonNode::isTextual, "a string")
                .or(() -> type(body, "instructions", JsonNode::isTextual, "a string"))
                .or(() -> type(body, "previous_response_id", JsonNode::isTextual, "a string"))
                .or(() -> type(body, "user", JsonNode::isTextual, "a string"))
                .or(() -> type(body, "safety_identifier", JsonNode::isTextual, "a string"))
                .or(() -> type(body, "prompt_cache_key", JsonNode::isTextual, "a string"))
                .or(() -> type(body, "store", JsonNode::isBoolean, "a boolean"))
                .or(() -> type(body, "stream", JsonNode::isBoolean, "a boolean"))
                .or(() -> type(body, "background", JsonNode::isBoolean, "a boolean"))
                .or(() -> type(body, "parallel_tool_calls", JsonNode::isBoolean, "a boolean"))
                .or(() -> type(body, "max_output_tokens", JsonNode::isIntegralNumber, "an integer"))
                .or(() -> type(body, "temperature", JsonNode::isNumber, "a decimal"))
                .or(() -> type(body, "top_p", JsonNode::isNumber, "a decimal"))
                .or(() -> type(body, "metadata", JsonNode::isObject, "an object"))
                .or(() -> type(body, "include", JsonNode::isArray, "an array"))
                .or(() -> range(body, "temperature", 0, 2))
                .or(() -> range(body, "top_p", 0, 1))
                .or(() -> body.has("max_output_tokens") && body.get("max_output_tokens").asLong() < 16
                        ? bad("Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but "
                                + "got " + body.get("max_output_tokens") + " instead.", "max_output_tokens",
                                "integer_below_min_value")
                        : Optional.empty())
                .or(() -> oneOf(body.path("truncation"), "truncation", Set.of("auto", "disabled")))
                .or(() -> body.has("stream_options") && !body.path("stream").asBoolean(false)
                        ? bad("'stream_options' is only allowed when 'stream' is true.", "stream_options", null)
                        : Optional.empty())
                .or(() -> checkInput(body))
                .or(() -> checkTools(body.get("tools")))
                .or(() -> checkToolChoice(body))
                .or(() -> checkText(body.get("text")))
                .or(() -> checkReasoning(body.get("reasoning")));
    }

    private static Optional<Violation> checkInput(JsonNode body) {
        JsonNode input = body.get("input");
        if (input == null || input.isTextual()) {
            return Optional.empty();
        }
        if (!input.isArray()) {
            return bad("Invalid type for 'input': expected one of a string or an array of input items, but got "
                    + input.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " instead.", "input",
                    "invalid_type");
        }
        Set<String> calls = new HashSet<>();
        boolean earlierResponse = body.hasNonNull("previous_response_id");
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String at = "input[" + i + "]";
            if (!item.isObject()) {
                return bad("Invalid type for '" + at + "': expected an input item object.", at, "invalid_type");
            }
            String type = item.path("type").asText(item.has("role") ? "message" : "");
            Optional<Violation> problem = switch (type) {
                case "message" -> checkMessage(item, at);
                case "function_call" -> required(item, at, "call_id", "name", "arguments")
                        .or(() -> type(item, "arguments", JsonNode::isTextual, "a string", at));
                case "function_call_output" -> required(item, at, "call_id", "output").or(() -> {
                    String id = item.get("call_id").asText();
                    return calls.contains(id) || earlierResponse ? Optional.empty()
                            : bad("No tool call found for function call output with call_id " + id + ".", "input",
                                    null);
                });
                case "reasoning" -> required(item, at, "summary")
                        .or(() -> type(item, "summary", JsonNode::isArray, "an array", at))
                        .or(() -> type(item, "encrypted_content", JsonNode::isTextual, "a string", at));
                default -> OPAQUE_ITEMS.contains(type) ? Optional.empty()
                        : bad("Invalid value: '" + type + "'. Supported values are: 'message', 'function_call', "
                                + "'function_call_output', 'reasoning' and the built-in tools' items.", at + ".type",
                                "invalid_value");
            };
            if (problem.isPresent()) {
                return problem;
            }
            if (type.equals("function_call")) {
                calls.add(item.get("call_id").asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> checkMessage(JsonNode item, String at) {
        String role = item.path("role").asText("");
        if (!ROLES.contains(role)) {
            return bad("Invalid value: '" + role + "'. Supported values are: 'user', 'assistant', 'system', and "
                    + "'developer'.", at + ".role", "invalid_value");
        }
        JsonNode content = item.get("content");
        if (content == null) {
            return bad("Missing required parameter: '" + at + ".content'.", at + ".content",
                    "missing_required_parameter");
        }
        if (content.isTextual()) {
            return Optional.empty();
        }
        if (!content.isArray()) {
            return bad("Invalid type for '" + at + ".content': expected a string or an array of content parts.",
                    at + ".content", "invalid_type");
        }
        Set<String> parts = role.equals("assistant") ? Set.of("output_text", "refusal")
                : Set.of("input_text", "input_image", "input_file");
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String partAt = at + ".content[" + j + "]";
            String type = part.path("type").asText("");
            if (!parts.contains(type)) {
                return bad("Invalid value: '" + type + "'. Supported values are: " + parts + ".", partAt + ".type",
                        "invalid_value");
            }
            Optional<Violation> problem = switch (type) {
                case "input_text", "output_text" -> required(part, partAt, "text");
                case "refusal" -> required(part, partAt, "refusal");
                case "input_image" -> part.hasNonNull("image_url") || part.hasNonNull("file_id") ? Optional.empty()
                        : bad("Missing required parameter: '" + partAt + ".image_url'.", partAt + ".image_url",
                                "missing_required_parameter");
                default -> Optional.empty();
            };
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> checkTools(JsonNode tools) {
        if (tools == null) {
            return Optional.empty();
        }
        if (!tools.isArray()) {
            return bad("Invalid type for 'tools': expected an array of tools.", "tools", "invalid_type");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = "tools[" + i + "]";
            String type = tool.path("type").asText("");
            if (type.equals("function")) {
                Optional<Violation> problem = required(tool, at, "name")
                        .or(() -> NAME.matcher(tool.path("name").asText()).matches() ? Optional.empty()
                                : bad("Invalid '" + at + ".name': string does not match pattern. Expected a string "
                                        + "that matches the pattern '" + NAME.pattern() + "'.", at + ".name",
                                        "invalid_value"))
                        .or(() -> tool.has("parameters") && !tool.get("parameters").isObject()
                                && !tool.get("parameters").isNull()
                                ? bad("Invalid type for '" + at + ".parameters': expected an object.",
                                        at + ".parameters", "invalid_type")
                                : Optional.empty());
                if (problem.isPresent()) {
                    return problem;
                }
            } else if (type.equals("namespace")) {
                // A named group of function tools, as Codex, OpenAI's own client, sends (docs/agents.md).
                Optional<Violation> problem = required(tool, at, "name")
                        .or(() -> tool.path("tools").isArray() ? checkTools(tool.get("tools"))
                                : bad("Missing required parameter: '" + at + ".tools'.", at + ".tools",
                                        "missing_required_parameter"));
                if (problem.isPresent()) {
                    return problem;
                }
            } else if (type.equals("file_search") && !tool.path("vector_store_ids").isArray()) {
                return bad("Missing required parameter: '" + at + ".vector_store_ids'.", at + ".vector_store_ids",
                        "missing_required_parameter");
            } else if (!type.equals("file_search") && !BUILT_IN_TOOLS.contains(type)) {
                return bad("Invalid value: '" + type + "'. Supported values are: 'function' and the built-in tools.",
                        at + ".type", "invalid_value");
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> checkToolChoice(JsonNode body) {
        JsonNode choice = body.get("tool_choice");
        if (choice == null || choice.isTextual() && Set.of("none", "auto", "required").contains(choice.asText())) {
            return Optional.empty();
        }
        if (choice.isObject() && choice.path("type").asText().equals("function")) {
            return required(choice, "tool_choice", "name");
        }
        if (choice.isObject() && (choice.path("type").asText().equals("allowed_tools")
                || BUILT_IN_TOOLS.contains(choice.path("type").asText()))) {
            return Optional.empty();
        }
        return bad("Invalid value for 'tool_choice': expected 'none', 'auto', 'required' or a tool choice object.",
                "tool_choice", "invalid_value");
    }

    private static Optional<Violation> checkText(JsonNode text) {
        if (text == null) {
            return Optional.empty();
        }
        if (!text.isObject()) {
            return bad("Invalid type for 'text': expected an object.", "text", "invalid_type");
        }
        JsonNode format = text.get("format");
        Optional<Violation> verbosity = oneOf(text.path("verbosity"), "text.verbosity", Set.of("low", "medium", "high"));
        if (format == null || verbosity.isPresent()) {
            return verbosity;
        }
        return switch (format.path("type").asText("")) {
            case "text", "json_object" -> Optional.empty();
            case "json_schema" -> required(format, "text.format", "name", "schema")
                    .or(() -> NAME.matcher(format.path("name").asText()).matches() ? Optional.empty()
                            : bad("Invalid 'text.format.name': string does not match pattern.", "text.format.name",
                                    "invalid_value"))
                    .or(() -> format.get("schema").isObject() ? Optional.empty()
                            : bad("Invalid type for 'text.format.schema': expected an object.", "text.format.schema",
                                    "invalid_type"));
            default -> bad("Invalid value: '" + format.path("type").asText() + "'. Supported values are: 'text', "
                    + "'json_object' and 'json_schema'.", "text.format.type", "invalid_value");
        };
    }

    private static Optional<Violation> checkReasoning(JsonNode reasoning) {
        if (reasoning == null || reasoning.isNull()) {
            return Optional.empty();
        }
        if (!reasoning.isObject()) {
            return bad("Invalid type for 'reasoning': expected an object.", "reasoning", "invalid_type");
        }
        return oneOf(reasoning.path("effort"), "reasoning.effort",
                Set.of("none", "minimal", "low", "medium", "high", "xhigh"))
                .or(() -> oneOf(reasoning.path("summary"), "reasoning.summary", Set.of("auto", "concise", "detailed")));
    }

    private static Optional<Violation> required(JsonNode node, String at, String... names) {
        for (String name : names) {
            if (!node.hasNonNull(name)) {
                return bad("Missing required parameter: '" + at + "." + name + "'.", at + "." + name,
                        "missing_required_parameter");
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> type(JsonNode node, String name, java.util.function.Predicate<JsonNode> ok,
            String expected) {
        return type(node, name, ok, expected, null);
    }

    private static Optional<Violation> type(JsonNode node, String name, java.util.function.Predicate<JsonNode> ok,
            String expected, String at) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || ok.test(value)) {
            return Optional.empty();
        }
        String param = at == null ? name : at + "." + name;
        return bad("Invalid type for '" + param + "': expected " + expected + ", but got "
                + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " instead.", param, "invalid_type");
    }

    private static Optional<Violation> range(JsonNode body, String name, double min, double max) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull() || value.asDouble() >= min && value.asDouble() <= max) {
            return Optional.empty();
        }
        return bad("Invalid '" + name + "': decimal out of range. Expected a value from " + min + " to " + max
                + ", but got " + value + " instead.", name, "decimal_out_of_range");
    }

    private static Optional<Violation> oneOf(JsonNode value, String param, Set<String> allowed) {
        if (value.isMissingNode() || value.isNull() || value.isTextual() && allowed.contains(value.asText())) {
            return Optional.empty();
        }
        return bad("Invalid value: " + value + ". Supported values are: " + allowed + ".", param, "invalid_value");
    }

    private static Optional<Violation> bad(String message, String param, String code) {
        return Optional.of(new Violation(400, message, param, code));
    }
}
