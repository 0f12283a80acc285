package dev.gatehouse.api.responses;

import static dev.gatehouse.api.responses.Read.notSupported;
import static dev.gatehouse.api.responses.Read.onlyFields;
import static dev.gatehouse.api.responses.Read.requiredText;
import static dev.gatehouse.api.wire.Fields.invalid;
import static dev.gatehouse.api.wire.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.api.wire.Fields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tools} and {@code tool_choice} of a Responses request → canonical tools and tool choice
 * (https://platform.openai.com/docs/api-reference/responses/create, "tools", "tool_choice";
 * https://platform.openai.com/docs/guides/function-calling).
 *
 * <p>Only {@code function} tools have a canonical form. OpenAI's built-in tools (web search,
 * file search, code interpreter, computer use, image generation, MCP, shell, apply_patch) run
 * on OpenAI's side; a translated provider has nothing to run them with. {@code custom} tools are
 * refused too: their input is free text (optionally held to a grammar) and the model's call comes
 * back as a {@code custom_tool_call}, while every canonical tool takes a JSON object; wrapping the
 * text in a one-field object would change both what the model is asked and what the caller gets.
 *
 * <p>A {@code namespace} tool groups function tools under a name the model's calls carry
 * ({@code function_call.namespace}). Each of its functions is given to the provider as a function
 * named {@code <namespace>__<name>}, and a call of that name is written back with its namespace
 * and own name, so the caller sees what OpenAI would send.
 */
final class ResponsesToolsJson {

    private static final Set<String> FUNCTION_FIELDS = Set.of("type", "name", "description", "parameters", "strict");

    private ResponsesToolsJson() {}

    /** The canonical function name of function {@code name} of namespace {@code namespace}. */
    static String namespaced(String namespace, String name) {
        return namespace + "__" + name;
    }

    /** The declared tools, flattened, and the namespace of each flattened function (canonical name → namespace). */
    record Declared(List<Tool> tools, Map<String, String> namespaces) {}

    static Declared tools(JsonNode tools) {
        if (!present(tools)) {
            return new Declared(List.of(), Map.of());
        }
        if (!tools.isArray()) {
            throw invalid("tools", "an array of tools", tools);
        }
        List<Tool> out = new ArrayList<>(tools.size());
        Map<String, String> namespaces = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = Read.object(tools.get(i), path);
            String type = requiredText(tool, "type", path + ".type");
            if (type.equals("namespace")) {
                namespace(tool, path, out, namespaces, names);
                continue;
            }
            if (!type.equals("function")) {
                throw notSupported(path + ".type", type.equals("custom")
                        ? "custom (free-form) tools take text, not the JSON arguments every translated provider's "
                                + "tools take; declare a function tool instead"
                        : "'" + type + "' is one of OpenAI's built-in tools, which only a native OpenAI or Azure "
                                + "OpenAI deployment runs");
            }
            out.add(function(tool, path, null, names));
        }
        return new Declared(out, namespaces);
    }

    private static void namespace(JsonNode tool, String path, List<Tool> out, Map<String, String> namespaces,
            Set<String> names) {
        onlyFields(tool, path, Set.of("type", "name", "description", "tools"));
        String namespace = requiredText(tool, "name", path + ".name");
        Fields.optionalText(tool, "description", path + ".description");
        JsonNode inner = tool.get("tools");
        if (!present(inner) || !inner.isArray()) {
            throw invalid(path + ".tools", "an array of function tools", inner);
        }
        for (int j = 0; j < inner.size(); j++) {
            String innerPath = path + ".tools[" + j + "]";
            JsonNode function = Read.object(inner.get(j), innerPath);
            String type = requiredText(function, "type", innerPath + ".type");
            if (!type.equals("function")) {
                throw notSupported(innerPath + ".type", "only function tools are translated");
            }
            Tool flat = function(function, innerPath, namespace, names);
            namespaces.put(flat.name(), namespace);
            out.add(flat);
        }
    }

    /** A function tool; inside a namespace its canonical name carries the namespace. */
    private static Tool function(JsonNode tool, String path, String namespace, Set<String> names) {
        onlyFields(tool, path, FUNCTION_FIELDS);
        String own = requiredText(tool, "name", path + ".name");
        String name = namespace == null ? own : namespaced(namespace, own);
        if (!names.add(name)) {
            throw new dev.gatehouse.api.GatewayException.BadRequest("Duplicate tool name '" + name + "' in '"
                    + path + ".name'.", path + ".name");
        }
        JsonNode parameters = tool.get("parameters");
        if (present(parameters) && !parameters.isObject()) {
            throw invalid(path + ".parameters", "a JSON Schema object", parameters);
        }
        return new Tool(name, Fields.optionalText(tool, "description", path + ".description"),
                present(parameters) ? parameters : null, Fields.optionalBoolean(tool, "strict", path + ".strict"));
    }

    /** The tool choice, and the tools it leaves the model (allowed_tools narrows them). */
    record Choice(ToolChoice choice, List<Tool> tools) {}

    static Choice toolChoice(JsonNode choice, List<Tool> tools) {
        if (!present(choice)) {
            return new Choice(null, tools);
        }
        if (choice.isTextual()) {
            return new Choice(switch (choice.asText()) {
                case "auto" -> new ToolChoice.Auto();
                case "none" -> new ToolChoice.None();
                case "required" -> new ToolChoice.Required();
                default -> throw Read.invalidValue("tool_choice", choice.asText(), "auto, none or required");
            }, tools);
        }
        Read.object(choice, "tool_choice");
        String type = requiredText(choice, "type", "tool_choice.type");
        return switch (type) {
            case "function" -> {
                onlyFields(choice, "tool_choice", Set.of("type", "name"));
                String name = requiredText(choice, "name", "tool_choice.name");
                requireDeclared(name, tools, "tool_choice.name");
                yield new Choice(new ToolChoice.Function(name), tools);
            }
            case "allowed_tools" -> allowedTools(choice, tools);
            default -> throw notSupported("tool_choice.type", "'" + type + "' chooses one of OpenAI's built-in, MCP "
                    + "or custom tools, which are not translated");
        };
    }

    /**
     * {@code allowed_tools} limits the model to some of the declared tools. Giving the model only
     * those tools does the same; only OpenAI's prompt caching (why the full list stays in the
     * request) is lost.
     */
    private static Choice allowedTools(JsonNode choice, List<Tool> tools) {
        onlyFields(choice, "tool_choice", Set.of("type", "mode", "tools"));
        String mode = requiredText(choice, "mode", "tool_choice.mode");
        if (!mode.equals("auto") && !mode.equals("required")) {
            throw Read.invalidValue("tool_choice.mode", mode, "auto or required");
        }
        JsonNode allowed = choice.get("tools");
        if (!present(allowed) || !allowed.isArray()) {
            throw invalid("tool_choice.tools", "an array of tool definitions", allowed);
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < allowed.size(); i++) {
            String path = "tool_choice.tools[" + i + "]";
            JsonNode tool = Read.object(allowed.get(i), path);
            String type = requiredText(tool, "type", path + ".type");
            if (!type.equals("function")) {
                throw notSupported(path + ".type", "only function tools are translated");
            }
            onlyFields(tool, path, Set.of("type", "name"));
            String name = requiredText(tool, "name", path + ".name");
            requireDeclared(name, tools, path + ".name");
            names.add(name);
        }
        List<Tool> kept = tools.stream().filter(t -> names.contains(t.name())).toList();
        return new Choice(mode.equals("auto") ? new ToolChoice.Auto() : new ToolChoice.Required(), kept);
    }

    private static void requireDeclared(String name, List<Tool> tools, String path) {
        if (tools.stream().noneMatch(t -> t.name().equals(name))) {
            throw new dev.gatehouse.api.GatewayException.BadRequest("Tool '" + name + "' named in '" + path
                    + "' is not one of the request's tools.", path);
        }
    }
}
