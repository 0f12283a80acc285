package dev.gatehouse.provider.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;

/**
 * OpenAI {@code tools}, {@code tool_choice} and {@code parallel_tool_calls} → Gemini
 * {@code tools[{functionDeclarations}]} and {@code toolConfig.functionCallingConfig}.
 *
 * <ul>
 *   <li>each function becomes a declaration with its name, description and, as
 *       {@code parametersJsonSchema}, its JSON Schema (see {@link GeminiJsonSchema});
 *   <li>{@code auto} → AUTO, {@code none} → NONE, {@code required} → ANY, a named function →
 *       ANY with {@code allowedFunctionNames} holding that name;
 *   <li>{@code strict: true} on any function, with {@code auto} or no choice → VALIDATED, Gemini's
 *       mode that constrains calls to the declared schemas (ANY is constrained already);
 *   <li>{@code parallel_tool_calls: false} has no Gemini equivalent (Gemini may always call
 *       several functions) and is refused or dropped; {@code true} is Gemini's behaviour.
 * </ul>
 */
final class GeminiToolMapper {

    private GeminiToolMapper() {}

    /** Adds {@code tools} and {@code toolConfig} to the Gemini request body, when the request has tools. */
    static void addTools(ChatRequest request, ObjectNode body, ParamPolicy policy) {
        if (Boolean.FALSE.equals(request.parallelToolCalls())) {
            policy.unsupported("parallel_tool_calls", "Gemini can not be told to call at most one function");
        }
        ToolChoice choice = request.toolChoice();
        if (request.tools().isEmpty()) {
            if (choice instanceof ToolChoice.Required || choice instanceof ToolChoice.Function) {
                throw new GatewayException.BadRequest("tool_choice asks for a tool call, but the request has no tools",
                        "tool_choice");
            }
            return;
        }
        ArrayNode declarations = Json.array();
        boolean strict = false;
        for (int i = 0; i < request.tools().size(); i++) {
            Tool tool = request.tools().get(i);
            ObjectNode declaration = declarations.addObject().put("name", tool.name());
            if (tool.description() != null) {
                declaration.put("description", tool.description());
            }
            if (tool.parameters() != null && !tool.parameters().isNull()) {
                declaration.set("parametersJsonSchema",
                        GeminiJsonSchema.toGemini(tool.parameters(), "tools[" + i + "].function.parameters", policy));
            }
            strict |= Boolean.TRUE.equals(tool.strict());
        }
        body.set("tools", Json.array().add(Json.object().set("functionDeclarations", declarations)));

        ObjectNode config = Json.object();
        switch (choice) {
            case null -> {
                if (strict) {
                    config.put("mode", "VALIDATED");
                }
            }
            case ToolChoice.Auto auto -> config.put("mode", strict ? "VALIDATED" : "AUTO");
            case ToolChoice.None none -> config.put("mode", "NONE");
            case ToolChoice.Required required -> config.put("mode", "ANY");
            case ToolChoice.Function function -> {
                if (request.tools().stream().noneMatch(t -> t.name().equals(function.name()))) {
                    throw new GatewayException.BadRequest(
                            "tool_choice names the function '" + function.name() + "', which is not among the tools",
                            "tool_choice");
                }
                config.put("mode", "ANY");
                config.set("allowedFunctionNames", Json.array().add(function.name()));
            }
        }
        if (!config.isEmpty()) {
            body.set("toolConfig", Json.object().set("functionCallingConfig", config));
        }
    }
}
