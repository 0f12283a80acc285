package dev.gatehouse.provider.bedrock;

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
 * An OpenAI Chat Completions request → the body of Converse and ConverseStream (the same body;
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html). The model
 * is in the URL, not the body.
 *
 * <ul>
 *   <li>{@code max_tokens}/{@code max_completion_tokens}, {@code temperature}, {@code top_p} and
 *       {@code stop} → {@code inferenceConfig.maxTokens}, {@code temperature}, {@code topP},
 *       {@code stopSequences} (API_runtime_InferenceConfiguration.html: temperature and topP
 *       between 0 and 1, maxTokens at least 1). Without a limit from the caller the deployment's
 *       {@code default_max_tokens} is sent, else none (the model's default).</li>
 *   <li>tools → {@code toolConfig.tools[].toolSpec} ({@code name}, {@code description},
 *       {@code inputSchema.json}); {@code tool_choice} auto, required and a named function →
 *       {@code toolChoice} {@code auto}, {@code any}, {@code tool} (API_runtime_ToolChoice.html).</li>
 *   <li>{@code top_k} → {@code additionalModelRequestFields.top_k}, the field Anthropic's models
 *       on Bedrock read.</li>
 *   <li>{@code reasoning_effort} → Claude's thinking ({@link BedrockThinking}).</li>
 * </ul>
 *
 * A {@code json_schema} response format is Converse's structured output ({@code outputConfig}),
 * a tool's {@code strict} its {@code toolSpec.strict}. Converse has no {@code tool_choice: none},
 * no switch for parallel tool calls, no seed, one choice per request, no participant names and
 * no free-form JSON mode: each is refused with a 400 naming it, or dropped when the deployment
 * drops unsupported parameters. Converse has no end-user field either: {@code user} never reaches
 * this mapping ({@link BedrockProvider#checkFields} leaves it out and names it).
 */
final class BedrockRequestMapper {

    private BedrockRequestMapper() {}

    static ObjectNode toConverse(ChatRequest request, Deployment deployment) {
        UnsupportedParams unsupported = new UnsupportedParams("Bedrock", deployment.dropParams());
        Optional<ClaudeThinking.Setting> thinking = BedrockThinking.setting(request, unsupported);
        BedrockMessageMapper.Conversation conversation =
                BedrockMessageMapper.toConverse(request.messages(), unsupported, thinking.isPresent());
        if (thinking.isPresent() && BedrockThinking.continuesUnsignedToolCall(conversation.messages())) {
            thinking = Optional.empty();
            conversation = BedrockMessageMapper.toConverse(request.messages(), unsupported, false);
        }
        ObjectNode body = Json.object();
        body.set("messages", conversation.messages());
        if (!conversation.system().isEmpty()) {
            body.set("system", conversation.system());
        }
        ObjectNode inference = inferenceConfig(request, deployment);
        if (!inference.isEmpty()) {
            body.set("inferenceConfig", inference);
        }
        tools(request, conversation, body, unsupported);
        responseFormat(request, body, unsupported);
        if (request.seed() != null) {
            unsupported.reject("seed", "Bedrock's Converse API has no seed");
        }
        if (request.n() != null && request.n() != 1) {
            unsupported.reject("n", "Bedrock generates one choice per request");
        }
        // No end-user field here: BedrockProvider.checkFields leaves user out (named) before the mapping.
        extensions(request.extensions(), body, unsupported);
        if (thinking.isPresent()) {
            BedrockThinking.apply(body, thinking.get(), request, deployment.defaultMaxTokens(), unsupported);
        }
        return body;
    }

    private static ObjectNode inferenceConfig(ChatRequest request, Deployment deployment) {
        ObjectNode config = Json.object();
        Integer limit = request.outputTokenLimit();
        if (limit != null) {
            if (limit < 1) {
                String param = request.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
                throw UnsupportedParams.invalid(param, param + " must be at least 1");
            }
            config.put("maxTokens", limit);
        } else if (deployment.defaultMaxTokens() != null) {
            config.put("maxTokens", deployment.defaultMaxTokens());
        }
        if (request.temperature() != null) {
            if (request.temperature() < 0 || request.temperature() > 1) {
                throw UnsupportedParams.invalid("temperature", "Bedrock takes a temperature between 0 and 1");
            }
            config.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            if (request.topP() < 0 || request.topP() > 1) {
                throw UnsupportedParams.invalid("top_p", "top_p must be between 0 and 1");
            }
            config.put("topP", request.topP());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            request.stop().forEach(stop::add);
        }
        return config;
    }

    private static void tools(ChatRequest request, BedrockMessageMapper.Conversation conversation, ObjectNode body,
            UnsupportedParams unsupported) {
        if (request.tools().isEmpty()) {
            if (request.toolChoice() instanceof ToolChoice.Required || request.toolChoice() instanceof ToolChoice.Function) {
                throw UnsupportedParams.invalid("tool_choice", "tool_choice asks for a tool call, but the request has no tools");
            }
            if (conversation.usesTools()) {
                // Converse refuses toolUse and toolResult blocks unless toolConfig is defined.
                throw UnsupportedParams.invalid("tools",
                        "Bedrock needs the tools defined when the conversation contains tool calls or results");
            }
            return;
        }
        ObjectNode toolConfig = body.putObject("toolConfig");
        ArrayNode tools = toolConfig.putArray("tools");
        for (int i = 0; i < request.tools().size(); i++) {
            Tool tool = request.tools().get(i);
            ObjectNode spec = tools.addObject().putObject("toolSpec").put("name", tool.name());
            if (tool.description() != null && !tool.description().isBlank()) {
                spec.put("description", tool.description());
            }
            ObjectNode schema = Json.object().put("type", "object");
            schema.putObject("properties");
            spec.putObject("inputSchema").set("json", tool.parameters() != null ? tool.parameters() : schema);
            if (Boolean.TRUE.equals(tool.strict())) {
                spec.put("strict", true); // API_runtime_ToolSpecification.html: structured output for tool inputs
            }
        }
        switch (request.toolChoice()) {
            case null -> { }
            case ToolChoice.Auto auto -> toolConfig.putObject("toolChoice").putObject("auto");
            case ToolChoice.Required required -> toolConfig.putObject("toolChoice").putObject("any");
            case ToolChoice.None none -> unsupported.reject("tool_choice",
                    "Bedrock has no tool_choice 'none'; leave the tools out instead");
            case ToolChoice.Function function -> {
                if (request.tools().stream().noneMatch(tool -> tool.name().equals(function.name()))) {
                    throw UnsupportedParams.invalid("tool_choice",
                            "tool_choice names '" + function.name() + "', which is not among the tools");
                }
                toolConfig.putObject("toolChoice").putObject("tool").put("name", function.name());
            }
        }
        if (Boolean.FALSE.equals(request.parallelToolCalls())) {
            unsupported.reject("parallel_tool_calls", "Bedrock has no switch for parallel tool calls");
        }
    }

    /**
     * A {@code json_schema} response format → {@code outputConfig.textFormat}, Converse's structured
     * output (API_runtime_OutputConfig.html, API_runtime_OutputFormat.html,
     * API_runtime_JsonSchemaDefinition.html): {@code type: json_schema} and
     * {@code structure.jsonSchema} with the schema as a JSON <em>string</em>, its name and
     * description. Converse has no free-form JSON mode, so {@code json_object} is refused.
     */
    private static void responseFormat(ChatRequest request, ObjectNode body, UnsupportedParams unsupported) {
        switch (request.responseFormat()) {
            case null -> { }
            case ResponseFormat.Text text -> { }
            case ResponseFormat.JsonObject json -> unsupported.reject("response_format",
                    "Bedrock has no free-form JSON mode; use a json_schema response format");
            case ResponseFormat.JsonSchema schema -> {
                if (schema.schema() == null || !schema.schema().isObject()) {
                    throw UnsupportedParams.invalid("response_format.json_schema.schema",
                            "a json_schema response format needs a schema object");
                }
                ObjectNode definition = body.putObject("outputConfig").putObject("textFormat")
                        .put("type", "json_schema").putObject("structure").putObject("jsonSchema");
                definition.put("schema", Json.text(schema.schema())).put("name", schema.name());
                if (schema.description() != null && !schema.description().isBlank()) {
                    definition.put("description", schema.description());
                }
            }
        }
    }

    /** Parameters the typed request does not know: {@code top_k} maps, the rest can not. */
    private static void extensions(Map<String, JsonNode> extensions, ObjectNode body, UnsupportedParams unsupported) {
        extensions.forEach((name, value) -> {
            if (name.equals("top_k")) {
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
                    throw UnsupportedParams.invalid("top_k", "top_k must be a non-negative integer");
                }
                body.putObject("additionalModelRequestFields").put("top_k", value.asInt());
            } else if (!name.equals(ReasoningEffort.PARAM)) { // BedrockThinking maps it.
                unsupported.reject(name, "Bedrock's Converse API has no equivalent of '" + name + "'");
            }
        });
    }
}
