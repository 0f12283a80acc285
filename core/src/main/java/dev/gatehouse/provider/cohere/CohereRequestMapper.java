package dev.gatehouse.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.provider.UnsupportedParams;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ReasoningEffort;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenAI Chat Completions request → the body of Cohere's {@code POST /v2/chat}
 * (https://docs.cohere.com/reference/chat; the schema is {@code /v2/chat} in Cohere's
 * {@code cohere-openapi.yaml}). Cohere's messages are close to OpenAI's:
 *
 * <ul>
 *   <li>system and developer messages → {@code system}; user text and images →
 *       {@code user} content blocks ({@code text}, {@code image_url} with URL and detail);
 *       assistant text and {@code tool_calls} (same shape) → {@code assistant}; tool messages →
 *       {@code tool} with {@code tool_call_id} and the content string.</li>
 *   <li>{@code tools} → {@code tools} (same shape; {@code parameters} is required, so a function
 *       without parameters gets an empty object schema).</li>
 *   <li>{@code tool_choice} {@code required} / {@code none} → {@code REQUIRED} / {@code NONE};
 *       {@code auto} is Cohere's default and is not sent.</li>
 *   <li>{@code max_tokens} → {@code max_tokens}; {@code stop} → {@code stop_sequences};
 *       {@code temperature} (0–1) and {@code seed} as they are; {@code top_p} → {@code p}
 *       (0.01–0.99); extensions {@code top_k} → {@code k} (0–500), {@code frequency_penalty} and
 *       {@code presence_penalty} (0–1).</li>
 *   <li>{@code reasoning_effort} → {@code thinking} on Cohere's reasoning models.</li>
 *   <li>{@code response_format} {@code json_object} → {@code {"type":"json_object"}};
 *       {@code json_schema} → {@code {"type":"json_object","json_schema":…}}.</li>
 * </ul>
 *
 * A named tool choice is sent as that one tool with {@code tool_choice: REQUIRED} (Cohere can
 * require a call but not name the tool). Cohere has no switch for parallel tool calls, one choice per request
 * and no participant names: each is refused with a 400 naming it, or dropped when the deployment
 * drops unsupported parameters. It has no end-user field either: {@code user} never reaches this
 * mapping ({@link CohereProvider#checkFields} leaves it out and names it). Values outside Cohere's ranges are refused.
 */
final class CohereRequestMapper {

    private CohereRequestMapper() {}

    static ObjectNode toCohere(ChatRequest request, Deployment deployment) {
        UnsupportedParams unsupported = new UnsupportedParams("Cohere", deployment.dropParams());
        ObjectNode body = Json.object();
        body.put("model", request.model());
        body.set("messages", messages(request, unsupported));
        tools(request, body, unsupported);
        responseFormat(request, body);
        sampling(request, deployment, body);
        if (request.n() != null && request.n() != 1) {
            unsupported.reject("n", "Cohere generates one choice per request");
        }
        // No end-user field here: CohereProvider.checkFields leaves user out (named) before the mapping.
        extensions(request.extensions(), body, unsupported);
        thinking(request, body, unsupported);
        body.put("stream", request.stream());
        return body;
    }

    private static ArrayNode messages(ChatRequest request, UnsupportedParams unsupported) {
        ArrayNode out = Json.array();
        for (int i = 0; i < request.messages().size(); i++) {
            String param = "messages[" + i + "]";
            switch (request.messages().get(i)) {
                case Message.System s -> {
                    rejectName(s.name(), param, unsupported);
                    out.addObject().put("role", "system").put("content", s.content());
                }
                case Message.Developer d -> {
                    rejectName(d.name(), param, unsupported);
                    out.addObject().put("role", "system").put("content", d.content());
                }
                case Message.User user -> {
                    rejectName(user.name(), param, unsupported);
                    out.add(user(user));
                }
                case Message.Assistant assistant -> {
                    rejectName(assistant.name(), param, unsupported);
                    out.add(assistant(assistant));
                }
                case Message.Tool tool -> out.addObject().put("role", "tool")
                        .put("tool_call_id", tool.toolCallId()).put("content", tool.content());
            }
        }
        if (out.isEmpty()) {
            throw UnsupportedParams.invalid("messages", "Cohere needs at least one message");
        }
        return out;
    }

    private static void rejectName(String name, String param, UnsupportedParams unsupported) {
        if (name != null) {
            unsupported.reject(param + ".name", "Cohere messages have no participant name");
        }
    }

    private static ObjectNode user(Message.User user) {
        ObjectNode out = Json.object().put("role", "user");
        if (user.content().size() == 1 && user.content().getFirst() instanceof ContentPart.Text text) {
            return out.put("content", text.text());
        }
        ArrayNode content = out.putArray("content");
        for (ContentPart part : user.content()) {
            switch (part) {
                case ContentPart.Text text -> content.addObject().put("type", "text").put("text", text.text());
                case ContentPart.Image image -> {
                    ObjectNode url = content.addObject().put("type", "image_url").putObject("image_url")
                            .put("url", image.url());
                    if (image.detail() != null) {
                        url.put("detail", image.detail());
                    }
                }
            }
        }
        return out;
    }

    private static ObjectNode assistant(Message.Assistant assistant) {
        ObjectNode out = Json.object().put("role", "assistant");
        String text = assistant.content() != null ? assistant.content() : assistant.refusal();
        if (text != null && !text.isEmpty()) {
            out.put("content", text);
        }
        if (!assistant.toolCalls().isEmpty()) {
            ArrayNode calls = out.putArray("tool_calls");
            for (ToolCall call : assistant.toolCalls()) {
                ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        return out;
    }

    private static void tools(ChatRequest request, ObjectNode body, UnsupportedParams unsupported) {
        if (request.tools().isEmpty()) {
            if (request.toolChoice() instanceof ToolChoice.Required || request.toolChoice() instanceof ToolChoice.Function) {
                throw UnsupportedParams.invalid("tool_choice", "tool_choice asks for a tool call, but the request has no tools");
            }
            return;
        }
        ArrayNode tools = body.putArray("tools");
        boolean strict = false;
        // Cohere can require a tool call but not name the tool: a named function is sent as the only
        // tool, with the call required, which leaves the model the one choice the caller made.
        java.util.List<Tool> offered = request.tools();
        if (request.toolChoice() instanceof ToolChoice.Function function) {
            offered = request.tools().stream().filter(tool -> tool.name().equals(function.name())).toList();
            if (offered.isEmpty()) {
                throw UnsupportedParams.invalid("tool_choice",
                        "tool_choice names '" + function.name() + "', which is not among the tools");
            }
        }
        for (Tool tool : offered) {
            ObjectNode function = tools.addObject().put("type", "function").putObject("function").put("name", tool.name());
            if (tool.description() != null) {
                function.put("description", tool.description());
            }
            ObjectNode empty = Json.object().put("type", "object");
            empty.putObject("properties");
            function.set("parameters", tool.parameters() != null ? tool.parameters() : empty);
            strict |= Boolean.TRUE.equals(tool.strict());
        }
        if (strict) {
            // Cohere's strict mode is one switch for all tools.
            body.put("strict_tools", true);
        }
        switch (request.toolChoice()) {
            case null -> { }
            case ToolChoice.Auto auto -> { }
            case ToolChoice.None none -> body.put("tool_choice", "NONE");
            case ToolChoice.Required required -> body.put("tool_choice", "REQUIRED");
            case ToolChoice.Function function -> body.put("tool_choice", "REQUIRED");
        }
        if (Boolean.FALSE.equals(request.parallelToolCalls())) {
            unsupported.reject("parallel_tool_calls", "Cohere has no switch for parallel tool calls");
        }
    }

    private static void responseFormat(ChatRequest request, ObjectNode body) {
        switch (request.responseFormat()) {
            case null -> { }
            case ResponseFormat.Text text -> { }
            case ResponseFormat.JsonObject json -> body.putObject("response_format").put("type", "json_object");
            case ResponseFormat.JsonSchema schema -> {
                if (schema.schema() == null || !schema.schema().isObject()) {
                    throw UnsupportedParams.invalid("response_format.json_schema.schema",
                            "a json_schema response format needs a schema object");
                }
                body.putObject("response_format").put("type", "json_object").set("json_schema", schema.schema());
            }
        }
    }

    private static void sampling(ChatRequest request, Deployment deployment, ObjectNode body) {
        Integer limit = request.outputTokenLimit();
        if (limit != null) {
            if (limit < 1) {
                String param = request.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
                throw UnsupportedParams.invalid(param, param + " must be at least 1");
            }
            body.put("max_tokens", limit);
        } else if (deployment.defaultMaxTokens() != null) {
            body.put("max_tokens", deployment.defaultMaxTokens());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            request.stop().forEach(stop::add);
        }
        if (request.temperature() != null) {
            requireRange("temperature", request.temperature(), 0, 1);
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            requireRange("top_p", request.topP(), 0.01, 0.99);
            body.put("p", request.topP());
        }
        if (request.seed() != null) {
            if (request.seed() < 0) {
                throw UnsupportedParams.invalid("seed", "Cohere takes a seed of 0 or more");
            }
            body.put("seed", request.seed());
        }
    }

    private static void extensions(Map<String, JsonNode> extensions, ObjectNode body, UnsupportedParams unsupported) {
        extensions.forEach((name, value) -> {
            switch (name) {
                case "top_k" -> {
                    if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 500) {
                        throw UnsupportedParams.invalid("top_k", "Cohere takes a top_k (k) from 0 to 500");
                    }
                    body.put("k", value.asInt());
                }
                case "frequency_penalty", "presence_penalty" -> {
                    if (!value.isNumber()) {
                        throw UnsupportedParams.invalid(name, name + " must be a number");
                    }
                    requireRange(name, value.asDouble(), 0, 1);
                    body.put(name, value.asDouble());
                }
                case ReasoningEffort.PARAM -> { } // thinking(…) maps it.
                default -> unsupported.reject(name, "Cohere's chat API has no equivalent of '" + name + "'");
            }
        });
    }

    /**
     * {@code reasoning_effort} → Cohere's {@code thinking} (https://docs.cohere.com/reference/chat,
     * https://docs.cohere.com/docs/reasoning), which its reasoning models (named {@code …reasoning…})
     * take: {@code none} and {@code minimal} → {@code disabled}, the others → {@code enabled} with a
     * {@code token_budget} (the table in docs/agents.md). Other models have no thinking.
     */
    private static void thinking(ChatRequest request, ObjectNode body, UnsupportedParams unsupported) {
        Optional<ReasoningEffort> effort = ReasoningEffort.of(request);
        if (effort.isEmpty()) {
            return;
        }
        if (!request.model().toLowerCase(Locale.ROOT).contains("reasoning")) {
            if (effort.get() != ReasoningEffort.NONE) {
                unsupported.reject(ReasoningEffort.PARAM, request.model() + " has no thinking");
            }
            return;
        }
        ObjectNode thinking = body.putObject("thinking");
        switch (effort.get()) {
            case NONE, MINIMAL -> thinking.put("type", "disabled");
            case LOW -> thinking.put("type", "enabled").put("token_budget", 1024);
            case MEDIUM -> thinking.put("type", "enabled").put("token_budget", 4096);
            case HIGH, XHIGH -> thinking.put("type", "enabled"); // no budget: as much as the model takes
        }
    }

    private static void requireRange(String param, double value, double min, double max) {
        if (value < min || value > max) {
            throw UnsupportedParams.invalid(param, "Cohere takes " + param + " between " + min + " and " + max);
        }
    }
}
