package dev.gatehouse.testkit.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Converse refuses in a request body, as
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html and the
 * types it links to (Message, ContentBlock, ImageBlock, ToolResultBlock, ToolSpecification,
 * ToolChoice, InferenceConfiguration) describe them. Each refusal is a ValidationException
 * message. Members the real service would take but Gatehouse never sends (guardrails, prompt
 * variables, documents, videos, cache points…) are refused here too, so that a mapping that
 * sends something unexpected fails a test.
 */
final class ConverseRules {

    private static final Set<String> TOP_LEVEL = Set.of("messages", "system", "inferenceConfig", "toolConfig",
            "additionalModelRequestFields", "outputConfig");
    private static final Set<String> INFERENCE = Set.of("maxTokens", "temperature", "topP", "stopSequences");
    private static final Set<String> IMAGE_FORMATS = Set.of("png", "jpeg", "gif", "webp");
    /** ToolSpecification.name: [a-zA-Z0-9_-]+, 1 to 64 characters. */
    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private ConverseRules() {}

    static Optional<String> check(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.of("The request body must be a JSON object.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                return Optional.of("The fake Converse does not take the member '" + name + "'.");
            }
        }
        Set<String> tools = new HashSet<>();
        Optional<String> problem = toolConfig(body.get("toolConfig"), tools);
        if (problem.isEmpty()) {
            problem = system(body.get("system"));
        }
        if (problem.isEmpty()) {
            problem = messages(body.get("messages"), body.has("toolConfig"));
        }
        if (problem.isEmpty()) {
            problem = inference(body.get("inferenceConfig"));
        }
        if (problem.isEmpty()) {
            problem = outputConfig(body.get("outputConfig"));
        }
        return problem;
    }

    private static Optional<String> system(JsonNode system) {
        if (system == null) {
            return Optional.empty();
        }
        if (!system.isArray()) {
            return Optional.of("system must be a list of SystemContentBlock.");
        }
        for (JsonNode block : system) {
            if (block.size() != 1 || !block.path("text").isTextual() || block.path("text").asText().isBlank()) {
                return Optional.of("A SystemContentBlock must hold exactly one non-blank text.");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> messages(JsonNode messages, boolean hasToolConfig) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return Optional.of("A conversation must start with a user message. Try again with a conversation that "
                    + "starts with a user message.");
        }
        String previousRole = null;
        Set<String> openToolUses = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant")) {
                return Optional.of("messages." + i + ".role must be user or assistant.");
            }
            if (i == 0 && !role.equals("user")) {
                return Optional.of("A conversation must start with a user message. Try again with a conversation "
                        + "that starts with a user message.");
            }
            if (role.equals(previousRole)) {
                return Optional.of("A conversation must alternate between user and assistant roles. Make sure the "
                        + "conversation alternates between user and assistant roles and try again.");
            }
            previousRole = role;
            JsonNode content = message.get("content");
            if (content == null || !content.isArray() || content.isEmpty()) {
                return Optional.of("messages." + i + ".content must hold at least one ContentBlock.");
            }
            Set<String> usedHere = new HashSet<>();
            for (JsonNode block : content) {
                Optional<String> problem = block(block, role, i, hasToolConfig, openToolUses, usedHere);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            if (role.equals("user") && !openToolUses.isEmpty()) {
                return Optional.of("Expected toolResult blocks at messages." + i + ".content for the following Ids: "
                        + String.join(", ", openToolUses));
            }
            if (role.equals("assistant")) {
                openToolUses = usedHere;
            } else {
                openToolUses = new HashSet<>();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> block(JsonNode block, String role, int index, boolean hasToolConfig,
            Set<String> openToolUses, Set<String> usedHere) {
        if (!block.isObject() || block.size() != 1) {
            return Optional.of("messages." + index + ": a ContentBlock is a union; exactly one member may be set.");
        }
        String member = block.fieldNames().next();
        JsonNode value = block.get(member);
        switch (member) {
            case "text" -> {
                if (!value.isTextual() || value.asText().isBlank()) {
                    return Optional.of("The text field in the ContentBlock object at messages." + index
                            + ".content is blank. Add text to the text field, and try again.");
                }
            }
            case "image" -> {
                if (!role.equals("user")) {
                    return Optional.of("messages." + index + ": images are taken in user messages only.");
                }
                if (!IMAGE_FORMATS.contains(value.path("format").asText(""))) {
                    return Optional.of("messages." + index + ".image.format must be one of png, jpeg, gif, webp.");
                }
                JsonNode bytes = value.path("source").path("bytes");
                if (!bytes.isTextual() || !isBase64(bytes.asText())) {
                    return Optional.of("messages." + index + ".image.source.bytes must be base64 data.");
                }
            }
            case "toolUse" -> {
                if (!role.equals("assistant") || !hasToolConfig) {
                    return Optional.of("The toolConfig field must be defined when using toolUse and toolResult "
                            + "content blocks.");
                }
                if (!value.path("toolUseId").isTextual() || !value.path("name").isTextual()
                        || !value.path("input").isObject()) {
                    return Optional.of("messages." + index + ".toolUse needs toolUseId, name and an input object.");
                }
                usedHere.add(value.path("toolUseId").asText());
            }
            case "toolResult" -> {
                if (!role.equals("user") || !hasToolConfig) {
                    return Optional.of("The toolConfig field must be defined when using toolUse and toolResult "
                            + "content blocks.");
                }
                String id = value.path("toolUseId").asText("");
                if (!openToolUses.remove(id)) {
                    return Optional.of("The toolResult blocks at messages." + index + " must answer toolUse blocks "
                            + "of the previous turn; '" + id + "' does not.");
                }
                JsonNode results = value.path("content");
                if (!results.isArray()) {
                    return Optional.of("messages." + index + ".toolResult.content must be a list.");
                }
                for (JsonNode result : results) {
                    if (result.size() != 1 || !(result.has("text") || result.has("json"))) {
                        return Optional.of("messages." + index + ".toolResult.content blocks must be text or json.");
                    }
                }
                String status = value.path("status").asText("success");
                if (!status.equals("success") && !status.equals("error")) {
                    return Optional.of("messages." + index + ".toolResult.status must be success or error.");
                }
            }
            case "reasoningContent" -> {
                // ReasoningContentBlock: a union of reasoningText {text, signature} and redactedContent (base64).
                boolean text = value.path("reasoningText").path("text").isTextual();
                boolean redacted = value.path("redactedContent").isTextual() && isBase64(value.path("redactedContent").asText());
                if (value.size() != 1 || !(text || redacted)) {
                    return Optional.of("messages." + index + ".reasoningContent must be reasoningText or redactedContent.");
                }
            }
            default -> {
                return Optional.of("messages." + index + ": the fake Converse does not take ContentBlock member '"
                        + member + "'.");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> toolConfig(JsonNode config, Set<String> names) {
        if (config == null) {
            return Optional.empty();
        }
        JsonNode tools = config.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            return Optional.of("toolConfig.tools must hold at least one tool.");
        }
        for (JsonNode tool : tools) {
            JsonNode spec = tool.get("toolSpec");
            if (tool.size() != 1 || spec == null) {
                return Optional.of("A Tool is a union; toolSpec must be its one member.");
            }
            String name = spec.path("name").asText("");
            if (!TOOL_NAME.matcher(name).matches()) {
                return Optional.of("toolSpec.name '" + name + "' must match [a-zA-Z0-9_-]{1,64}.");
            }
            if (!names.add(name)) {
                return Optional.of("The tool name '" + name + "' is used twice.");
            }
            if (spec.has("description") && spec.path("description").asText("").isEmpty()) {
                return Optional.of("toolSpec.description must not be empty.");
            }
            if (spec.has("strict") && !spec.path("strict").isBoolean()) {
                return Optional.of("toolSpec.strict must be a boolean.");
            }
            if (!spec.path("inputSchema").path("json").isObject()) {
                return Optional.of("toolSpec.inputSchema.json must be a JSON schema object.");
            }
        }
        JsonNode choice = config.get("toolChoice");
        if (choice != null) {
            if (!choice.isObject() || choice.size() != 1) {
                return Optional.of("toolChoice is a union; exactly one of auto, any, tool may be set.");
            }
            String kind = choice.fieldNames().next();
            if (kind.equals("tool")) {
                if (!names.contains(choice.path("tool").path("name").asText(""))) {
                    return Optional.of("toolChoice.tool.name must name one of the tools.");
                }
            } else if (!List.of("auto", "any").contains(kind)) {
                return Optional.of("toolChoice member '" + kind + "' does not exist.");
            }
        }
        return Optional.empty();
    }

    /**
     * outputConfig.textFormat (API_runtime_OutputFormat.html): type json_schema and the union
     * structure.jsonSchema, whose schema is a JSON document given as a string.
     */
    private static Optional<String> outputConfig(JsonNode config) {
        if (config == null) {
            return Optional.empty();
        }
        JsonNode format = config.path("textFormat");
        if (config.size() != 1 || !format.isObject()) {
            return Optional.of("outputConfig must hold textFormat only.");
        }
        if (!"json_schema".equals(format.path("type").asText())) {
            return Optional.of("outputConfig.textFormat.type must be json_schema.");
        }
        JsonNode structure = format.path("structure");
        JsonNode definition = structure.path("jsonSchema");
        if (structure.size() != 1 || !definition.isObject()) {
            return Optional.of("outputConfig.textFormat.structure is a union; jsonSchema must be its one member.");
        }
        JsonNode schema = definition.get("schema");
        if (schema == null || !schema.isTextual()) {
            return Optional.of("outputConfig.textFormat.structure.jsonSchema.schema must be a string.");
        }
        try {
            if (!new com.fasterxml.jackson.databind.ObjectMapper().readTree(schema.asText()).isObject()) {
                return Optional.of("The JSON schema in outputConfig is not an object.");
            }
        } catch (java.io.IOException e) {
            return Optional.of("The JSON schema in outputConfig is not valid JSON.");
        }
        return Optional.empty();
    }

    private static Optional<String> inference(JsonNode config) {
        if (config == null) {
            return Optional.empty();
        }
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!INFERENCE.contains(name)) {
                return Optional.of("inferenceConfig has no member '" + name + "'.");
            }
        }
        JsonNode max = config.get("maxTokens");
        if (max != null && (!max.isIntegralNumber() || max.asInt() < 1)) {
            return Optional.of("inferenceConfig.maxTokens must be an integer of at least 1.");
        }
        for (String name : List.of("temperature", "topP")) {
            JsonNode value = config.get(name);
            if (value != null && (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1)) {
                return Optional.of("inferenceConfig." + name + " must be between 0 and 1.");
            }
        }
        JsonNode stop = config.get("stopSequences");
        if (stop != null && (!stop.isArray() || stop.size() > 2500)) {
            return Optional.of("inferenceConfig.stopSequences must be a list of at most 2500 strings.");
        }
        return Optional.empty();
    }

    private static boolean isBase64(String text) {
        try {
            return Base64.getDecoder().decode(text).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
