package dev.gatehouse.testkit.gemini;

import static dev.gatehouse.testkit.gemini.GeminiRequestRules.base64;
import static dev.gatehouse.testkit.gemini.GeminiRequestRules.describe;
import static dev.gatehouse.testkit.gemini.GeminiRequestRules.object;
import static dev.gatehouse.testkit.gemini.GeminiRequestRules.onlyKnown;
import static dev.gatehouse.testkit.gemini.GeminiRequestRules.set;
import static dev.gatehouse.testkit.gemini.GeminiRequestRules.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testkit.gemini.GeminiRequestRules.Refused;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks on a {@code GenerateContentRequest} body, as the Gemini API applies them. */
final class GeminiBodyRules {

    private static final Set<String> TOP = set("contents", "systemInstruction", "tools", "toolConfig",
            "generationConfig", "safetySettings", "cachedContent");
    private static final Set<String> PART = set("text", "inlineData", "fileData", "functionCall", "functionResponse",
            "thought", "thoughtSignature");
    private static final Set<String> PART_DATA = set("text", "inlineData", "fileData", "functionCall",
            "functionResponse");
    private static final Set<String> DECLARATION = set("name", "description", "parameters", "parametersJsonSchema",
            "response", "responseJsonSchema", "behavior");
    private static final Set<String> GENERATION = set("stopSequences", "responseMimeType", "responseSchema",
            "responseJsonSchema", "responseModalities", "candidateCount", "maxOutputTokens", "temperature", "topP",
            "topK", "seed", "presencePenalty", "frequencyPenalty", "responseLogprobs", "logprobs",
            "enableEnhancedCivicAnswers", "speechConfig", "thinkingConfig", "imageConfig", "mediaResolution");
    private static final Set<String> MODES = set("AUTO", "ANY", "NONE", "VALIDATED");
    private static final Set<String> MIME_TYPES = set("text/plain", "application/json", "text/x.enum");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,127}");

    private GeminiBodyRules() {}

    static void check(JsonNode body) {
        onlyKnown(body, TOP, "");
        contents(body.get("contents"));
        if (body.has("systemInstruction")) {
            JsonNode instruction = object(body, "systemInstruction", "request");
            onlyKnown(instruction, set("role", "parts"), "system_instruction");
            for (JsonNode part : parts(instruction, "systemInstruction")) {
                onlyKnown(part, set("text"), "system_instruction.parts");
                text(part, "text", "systemInstruction.parts[]");
            }
        }
        Set<String> functions = tools(body.get("tools"));
        if (body.has("toolConfig")) {
            toolConfig(object(body, "toolConfig", "request"), functions);
        }
        if (body.has("generationConfig")) {
            generationConfig(object(body, "generationConfig", "request"));
        }
    }

    private static void contents(JsonNode contents) {
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            throw new Refused(400, "* GenerateContentRequest.contents: contents is not specified");
        }
        JsonNode previous = null;
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            String at = "contents[" + i + "]";
            if (!content.isObject()) {
                throw new Refused(400, at + " must be an object, was " + describe(content));
            }
            onlyKnown(content, set("role", "parts"), at);
            String role = content.path("role").asText("");
            if (!role.equals("user") && !role.equals("model")) {
                throw new Refused(400, at + ".role must be 'user' or 'model', was '" + role + "'");
            }
            JsonNode parts = parts(content, at);
            for (int j = 0; j < parts.size(); j++) {
                part(parts.get(j), role, previous, at + ".parts[" + j + "]");
            }
            previous = content;
        }
    }

    private static JsonNode parts(JsonNode content, String at) {
        JsonNode parts = content.get("parts");
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            throw new Refused(400, "* " + at + ".parts: contents.parts must not be empty.");
        }
        return parts;
    }

    private static void part(JsonNode part, String role, JsonNode previous, String at) {
        if (!part.isObject()) {
            throw new Refused(400, at + " must be an object, was " + describe(part));
        }
        onlyKnown(part, PART, at);
        Set<String> data = new HashSet<>();
        part.fieldNames().forEachRemaining(name -> {
            if (PART_DATA.contains(name)) {
                data.add(name);
            }
        });
        if (data.size() != 1) {
            throw new Refused(400, at + " must hold exactly one of text, inlineData, fileData, functionCall, "
                    + "functionResponse; it holds " + data);
        }
        if (part.has("thought") && !part.get("thought").isBoolean()) {
            throw new Refused(400, at + ".thought must be a boolean");
        }
        if (part.has("thoughtSignature")) {
            base64(text(part, "thoughtSignature", at), at + ".thought_signature");
        }
        switch (data.iterator().next()) {
            case "text" -> {
                if (!part.get("text").isTextual()) {
                    throw new Refused(400, at + ".text must be a string, was " + describe(part.get("text")));
                }
            }
            case "inlineData" -> {
                JsonNode blob = object(part, "inlineData", at);
                onlyKnown(blob, set("mimeType", "data"), at + ".inline_data");
                text(blob, "mimeType", at + ".inlineData");
                base64(text(blob, "data", at + ".inlineData"), at + ".inline_data.data");
            }
            case "fileData" -> {
                JsonNode file = object(part, "fileData", at);
                onlyKnown(file, set("mimeType", "fileUri"), at + ".file_data");
                text(file, "fileUri", at + ".fileData");
            }
            case "functionCall" -> functionCall(object(part, "functionCall", at), role, at + ".functionCall");
            default -> functionResponse(object(part, "functionResponse", at), role, previous,
                    at + ".functionResponse");
        }
    }

    private static void functionCall(JsonNode call, String role, String at) {
        if (!role.equals("model")) {
            throw new Refused(400, at + ": a functionCall can only be in a 'model' turn, not '" + role + "'");
        }
        onlyKnown(call, set("id", "name", "args"), at);
        text(call, "name", at);
        if (call.has("args") && !call.get("args").isObject()) {
            throw new Refused(400, at + ".args must be a JSON object, was " + describe(call.get("args")));
        }
    }

    private static void functionResponse(JsonNode response, String role, JsonNode previous, String at) {
        if (!role.equals("user")) {
            throw new Refused(400, at + ": a functionResponse can only be in a 'user' turn, not '" + role + "'");
        }
        onlyKnown(response, set("id", "name", "response"), at);
        String name = text(response, "name", at);
        object(response, "response", at);
        boolean called = false;
        if (previous != null && previous.path("role").asText().equals("model")) {
            for (JsonNode part : previous.path("parts")) {
                called |= name.equals(part.path("functionCall").path("name").asText(null));
            }
        }
        if (!called) {
            throw new Refused(400, at + ": the function response for '" + name + "' does not answer a functionCall "
                    + "in the model turn just before it. Please ensure that the number of function response parts "
                    + "is equal to the number of function call parts of the function call turn.");
        }
    }

    private static Set<String> tools(JsonNode tools) {
        Set<String> names = new HashSet<>();
        if (tools == null) {
            return names;
        }
        if (!tools.isArray()) {
            throw new Refused(400, "tools must be an array, was " + describe(tools));
        }
        for (int i = 0; i < tools.size(); i++) {
            String at = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            onlyKnown(tool, set("functionDeclarations", "googleSearch", "codeExecution", "urlContext"), at);
            for (JsonNode declaration : tool.path("functionDeclarations")) {
                String dAt = at + ".function_declarations";
                onlyKnown(declaration, DECLARATION, dAt);
                String name = text(declaration, "name", dAt);
                if (!FUNCTION_NAME.matcher(name).matches()) {
                    throw new Refused(400, dAt + ".name '" + name + "' is not a valid function name");
                }
                if (declaration.has("parameters") && declaration.has("parametersJsonSchema")) {
                    throw new Refused(400, dAt + ": parameters and parametersJsonSchema are mutually exclusive");
                }
                JsonNode schema = declaration.get("parametersJsonSchema");
                if (schema != null && (!schema.isObject()
                        || (schema.has("type") && !"object".equals(schema.get("type").asText())))) {
                    throw new Refused(400, dAt + ".parametersJsonSchema must describe an object, was " + schema);
                }
                names.add(name);
            }
        }
        return names;
    }

    private static void toolConfig(JsonNode toolConfig, Set<String> functions) {
        onlyKnown(toolConfig, set("functionCallingConfig", "retrievalConfig"), "tool_config");
        JsonNode config = toolConfig.get("functionCallingConfig");
        if (config == null) {
            return;
        }
        onlyKnown(config, set("mode", "allowedFunctionNames"), "tool_config.function_calling_config");
        String mode = config.path("mode").asText("AUTO");
        if (!MODES.contains(mode)) {
            throw new Refused(400, "Invalid value at 'tool_config.function_calling_config.mode', \"" + mode + "\"");
        }
        JsonNode allowed = config.get("allowedFunctionNames");
        if (allowed != null) {
            if (!mode.equals("ANY") && !mode.equals("VALIDATED")) {
                throw new Refused(400, "allowedFunctionNames may only be set with mode ANY or VALIDATED, mode is " + mode);
            }
            for (JsonNode name : allowed) {
                if (!functions.contains(name.asText())) {
                    throw new Refused(400, "allowedFunctionNames names '" + name.asText() + "', which is not declared");
                }
            }
        }
    }

    private static void generationConfig(JsonNode config) {
        onlyKnown(config, GENERATION, "generation_config");
        range(config, "temperature", 0.0, 2.0);
        range(config, "topP", 0.0, 1.0);
        range(config, "presencePenalty", -2.0, 2.0);
        range(config, "frequencyPenalty", -2.0, 2.0);
        range(config, "candidateCount", 1, 8);
        range(config, "maxOutputTokens", 1, Integer.MAX_VALUE);
        range(config, "topK", 1, Integer.MAX_VALUE);
        JsonNode stop = config.get("stopSequences");
        if (stop != null && (!stop.isArray() || stop.size() > 5)) {
            throw new Refused(400, "generationConfig.stopSequences must be an array of at most 5 strings, was " + stop);
        }
        String mime = config.path("responseMimeType").asText("text/plain");
        if (!MIME_TYPES.contains(mime)) {
            throw new Refused(400, "generationConfig.responseMimeType '" + mime + "' is not supported");
        }
        if (config.has("responseSchema") && config.has("responseJsonSchema")) {
            throw new Refused(400, "generationConfig: responseSchema and responseJsonSchema are mutually exclusive");
        }
        if (config.has("responseJsonSchema") && !mime.equals("application/json")) {
            throw new Refused(400, "generationConfig.responseJsonSchema needs responseMimeType application/json");
        }
        if (config.has("thinkingConfig")) {
            thinkingConfig(object(config, "thinkingConfig", "generationConfig"));
        }
    }

    /** https://ai.google.dev/api/generate-content#ThinkingConfig: a budget or a level, never both. */
    private static void thinkingConfig(JsonNode thinking) {
        onlyKnown(thinking, set("includeThoughts", "thinkingBudget", "thinkingLevel"), "generation_config.thinking_config");
        if (thinking.has("thinkingBudget") && thinking.has("thinkingLevel")) {
            throw new Refused(400, "generationConfig.thinkingConfig: thinking_budget and thinking_level are mutually exclusive");
        }
        if (thinking.has("thinkingBudget") && !thinking.get("thinkingBudget").isIntegralNumber()) {
            throw new Refused(400, "generationConfig.thinkingConfig.thinkingBudget must be an integer");
        }
        if (thinking.has("thinkingLevel")
                && !set("MINIMAL", "LOW", "MEDIUM", "HIGH").contains(thinking.get("thinkingLevel").asText())) {
            throw new Refused(400, "generationConfig.thinkingConfig.thinkingLevel '" + thinking.get("thinkingLevel").asText()
                    + "' is not a thinking level");
        }
        if (thinking.has("includeThoughts") && !thinking.get("includeThoughts").isBoolean()) {
            throw new Refused(400, "generationConfig.thinkingConfig.includeThoughts must be a boolean");
        }
    }

    private static void range(JsonNode config, String name, double min, double max) {
        JsonNode value = config.get(name);
        if (value != null && (!value.isNumber() || value.asDouble() < min || value.asDouble() > max)) {
            throw new Refused(400, "generationConfig." + name + " " + value + " is outside [" + min + ", " + max + "]");
        }
    }
}
