package dev.gatehouse.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.provider.UnsupportedParams;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ClaudeThinking;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ReasoningEffort;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenAI Chat Completions request → the body of Anthropic's {@code POST /v1/messages}
 * (https://platform.claude.com/docs/en/api/messages/create), without {@code stream}, which the
 * provider sets. Messages are mapped by {@link AnthropicMessageMapper}.
 *
 * <p>{@code reasoning_effort} becomes Claude's thinking ({@link AnthropicThinking}).
 *
 * <p>Parameters Anthropic has no equivalent for ({@code seed}, {@code n} above 1, a
 * {@code json_object} response format, a temperature above 1, image {@code detail}, message
 * {@code name}s, and every extension but {@code top_k}, {@code thinking} and {@code reasoning_effort}) are refused with a 400 naming them, or
 * dropped when the deployment drops unsupported parameters. Nothing is ignored in silence.
 */
final class AnthropicRequestMapper {

    /** The default output limit of the Claude 3 families, whose smallest maximum (Claude 3 Haiku, Opus) is 4096. */
    static final int CLAUDE_3_DEFAULT_MAX_TOKENS = 4096;
    /** The default output limit of every other model: every Claude model since 3.5 accepts it. */
    static final int DEFAULT_MAX_TOKENS = 8192;

    private AnthropicRequestMapper() {}

    static ObjectNode toAnthropic(ChatRequest request, Deployment deployment) {
        UnsupportedParams unsupported = new UnsupportedParams("Anthropic", deployment.dropParams());
        Optional<ClaudeThinking.Setting> thinking = AnthropicThinking.setting(request, unsupported);
        AnthropicMessageMapper.Conversation conversation = AnthropicMessageMapper.toAnthropic(request.messages(),
                unsupported, thinking.isPresent() || AnthropicThinking.passedThrough(request));
        if (thinking.isPresent() && AnthropicThinking.continuesUnsignedToolCall(conversation.messages())) {
            thinking = Optional.empty();
            conversation = AnthropicMessageMapper.toAnthropic(request.messages(), unsupported, false);
        }
        ObjectNode body = Json.object();
        body.put("model", request.model());
        int maxTokens = maxTokens(request, deployment);
        body.put("max_tokens", thinking.isEmpty() ? maxTokens : ClaudeThinking.outputLimit(thinking.get(),
                request.outputTokenLimit(), limitParam(request), maxTokens));
        if (conversation.system().size() == 1) {
            body.put("system", conversation.system().getFirst());
        } else if (!conversation.system().isEmpty()) {
            ArrayNode system = body.putArray("system");
            conversation.system().forEach(text -> system.addObject().put("type", "text").put("text", text));
        }
        body.set("messages", conversation.messages());
        tools(request, body);
        responseFormat(request, conversation, body, unsupported);
        sampling(request, body, unsupported);
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            request.stop().forEach(stop::add);
        }
        if (request.user() != null) {
            body.putObject("metadata").put("user_id", request.user());
        }
        if (request.seed() != null) {
            unsupported.reject("seed", "Anthropic has no seed");
        }
        if (request.n() != null && request.n() != 1) {
            unsupported.reject("n", "Anthropic generates one choice per request");
        }
        extensions(request.extensions(), body, unsupported);
        AnthropicThinking.apply(body, thinking, conversation.trailingAssistant(), unsupported);
        return body;
    }

    private static String limitParam(ChatRequest request) {
        return request.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
    }

    /**
     * The output limit: the caller's, else the deployment's default, else a default per model
     * family. Kept simple on purpose: 4096 for models named {@code claude-3…}, 8192 for all
     * others; a deployment that wants more sets its own default.
     */
    static int maxTokens(ChatRequest request, Deployment deployment) {
        Integer limit = request.outputTokenLimit();
        if (limit != null) {
            if (limit < 1) {
                String param = request.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
                throw UnsupportedParams.invalid(param, param + " must be at least 1");
            }
            return limit;
        }
        if (deployment.defaultMaxTokens() != null) {
            return deployment.defaultMaxTokens();
        }
        return request.model().contains("claude-3") ? CLAUDE_3_DEFAULT_MAX_TOKENS : DEFAULT_MAX_TOKENS;
    }

    private static void tools(ChatRequest request, ObjectNode body) {
        if (request.tools().isEmpty()) {
            if (request.toolChoice() instanceof ToolChoice.Required || request.toolChoice() instanceof ToolChoice.Function) {
                throw UnsupportedParams.invalid("tool_choice", "tool_choice asks for a tool call, but the request has no tools");
            }
            return; // auto or none without tools, and parallel_tool_calls, change nothing.
        }
        ArrayNode tools = body.putArray("tools");
        for (Tool tool : request.tools()) {
            ObjectNode out = tools.addObject().put("name", tool.name());
            if (tool.description() != null) {
                out.put("description", tool.description());
            }
            ObjectNode noParameters = Json.object().put("type", "object");
            noParameters.putObject("properties");
            out.set("input_schema", tool.parameters() != null ? tool.parameters() : noParameters);
            if (Boolean.TRUE.equals(tool.strict())) {
                out.put("strict", true);
            }
        }
        ObjectNode choice = switch (request.toolChoice()) {
            case null -> Json.object().put("type", "auto");
            case ToolChoice.Auto auto -> Json.object().put("type", "auto");
            case ToolChoice.None none -> Json.object().put("type", "none");
            case ToolChoice.Required required -> Json.object().put("type", "any");
            case ToolChoice.Function function -> {
                if (request.tools().stream().noneMatch(tool -> tool.name().equals(function.name()))) {
                    throw UnsupportedParams.invalid("tool_choice",
                            "tool_choice names '" + function.name() + "', which is not among the tools");
                }
                yield Json.object().put("type", "tool").put("name", function.name());
            }
        };
        boolean none = choice.path("type").asText().equals("none");
        if (Boolean.FALSE.equals(request.parallelToolCalls()) && !none) {
            choice.put("disable_parallel_tool_use", true);
        }
        if (request.toolChoice() != null || choice.size() > 1) {
            body.set("tool_choice", choice);
        }
    }

    private static void responseFormat(ChatRequest request, AnthropicMessageMapper.Conversation conversation,
            ObjectNode body, UnsupportedParams unsupported) {
        switch (request.responseFormat()) {
            case null -> { }
            case ResponseFormat.Text text -> { }
            case ResponseFormat.JsonObject json -> unsupported.reject("response_format",
                    "Anthropic has no free-form JSON mode; use a json_schema response format");
            case ResponseFormat.JsonSchema schema -> {
                if (schema.schema() == null || !schema.schema().isObject()) {
                    throw UnsupportedParams.invalid("response_format.json_schema.schema",
                            "a json_schema response format needs a schema object");
                }
                if (conversation.trailingAssistant() != null) {
                    throw UnsupportedParams.invalid("messages[" + conversation.trailingAssistant() + "]",
                            "Anthropic's structured output can not continue a final assistant message");
                }
                // Anthropic constrains output to the schema always: OpenAI's strict flag, the
                // schema's name and description have no place in output_config.format.
                body.putObject("output_config").putObject("format")
                        .put("type", "json_schema").set("schema", schema.schema());
            }
        }
    }

    private static void sampling(ChatRequest request, ObjectNode body, UnsupportedParams unsupported) {
        Double temperature = request.temperature();
        if (temperature != null) {
            if (temperature < 0 || temperature > 2) {
                throw UnsupportedParams.invalid("temperature", "temperature must be between 0 and 2");
            }
            if (temperature <= 1) {
                body.put("temperature", temperature);
            } else {
                // Dropped, Anthropic uses its default of 1.0: the nearest value it accepts.
                unsupported.reject("temperature", "Anthropic takes a temperature between 0 and 1");
            }
        }
        if (request.topP() != null) {
            if (request.topP() < 0 || request.topP() > 1) {
                throw UnsupportedParams.invalid("top_p", "top_p must be between 0 and 1");
            }
            body.put("top_p", request.topP());
        }
    }

    /**
     * Parameters the caller sent that the typed request does not know: {@code top_k} maps, and
     * {@code thinking}, Anthropic's own parameter (sent by its SDKs through Gatehouse's Anthropic
     * front door, or by OpenAI-format callers who know it), passes as it came; the rest can not.
     */
    private static void extensions(Map<String, JsonNode> extensions, ObjectNode body, UnsupportedParams unsupported) {
        extensions.forEach((name, value) -> {
            if (name.equals("top_k")) {
                if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
                    throw UnsupportedParams.invalid("top_k", "top_k must be a non-negative integer");
                }
                body.put("top_k", value.asInt());
            } else if (name.equals(ReasoningEffort.PARAM)) {
                return; // AnthropicThinking maps it.
            } else if (name.equals("thinking")) {
                if (!value.isObject()) {
                    throw UnsupportedParams.invalid("thinking", "thinking must be an object");
                }
                body.set("thinking", value);
            } else {
                unsupported.reject(name, "Anthropic has no equivalent of '" + name + "'");
            }
        });
    }
}
