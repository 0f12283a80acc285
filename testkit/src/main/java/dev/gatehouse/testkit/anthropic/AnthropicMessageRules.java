package dev.gatehouse.testkit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks Anthropic's Messages API makes on {@code system} and {@code messages}: roles,
 * content block types and shapes, and the pairing of {@code tool_use} with {@code tool_result}
 * (https://platform.claude.com/docs/en/agents-and-tools/tool-use/handle-tool-calls).
 *
 * <p>One check is stricter than the API: consecutive turns of one role. The API documents
 * that it combines them; Gatehouse promises to send alternating turns (the combination would
 * move tool results behind text, which the API refuses), so the fake holds it to that.
 * Block types Gatehouse never sends (documents, search results, server tools) are refused as
 * unknown here, where the real API would check them.
 */
final class AnthropicMessageRules {

    static final Set<String> IMAGE_MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    private AnthropicMessageRules() {}

    static void checkSystem(JsonNode system) {
        if (system.isTextual()) {
            return;
        }
        if (!system.isArray()) {
            throw Refusal.invalid("system: Input should be a valid string or a list of text blocks");
        }
        for (int i = 0; i < system.size(); i++) {
            JsonNode block = system.get(i);
            if (!"text".equals(block.path("type").asText())) {
                throw Refusal.invalid("system." + i + ".type: system blocks must be text blocks");
            }
            checkText(block, "system." + i);
        }
    }

    static void checkMessages(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw Refusal.invalid("messages: at least one message is required");
        }
        String previousRole = null;
        Set<String> previousToolUses = Set.of();
        for (int i = 0; i < messages.size(); i++) {
            String where = "messages." + i;
            JsonNode message = messages.get(i);
            AnthropicRequestRules.onlyFields(message, where, "role", "content");
            String role = message.path("role").asText();
            if (!role.equals("user") && !role.equals("assistant")) {
                throw Refusal.invalid(where + ".role: Input should be 'user' or 'assistant', got '" + role + "'");
            }
            if (role.equals(previousRole)) {
                throw Refusal.invalid(where + ": two " + role + " turns in a row; roles must alternate");
            }
            List<JsonNode> blocks = blocks(message.get("content"), where + ".content");
            Set<String> answered = new LinkedHashSet<>();
            Set<String> toolUses = new LinkedHashSet<>();
            boolean sawOther = false;
            for (int j = 0; j < blocks.size(); j++) {
                JsonNode block = blocks.get(j);
                String at = where + ".content." + j;
                String type = block.path("type").asText();
                if (role.equals("user")) {
                    if (type.equals("tool_result")) {
                        if (sawOther) {
                            throw Refusal.invalid(at + ": tool_result blocks must come before any other content");
                        }
                        String id = checkToolResult(block, at);
                        if (!previousToolUses.contains(id)) {
                            throw Refusal.invalid(at + ": unexpected `tool_use_id` found in `tool_result` blocks: " + id
                                    + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous message.");
                        }
                        answered.add(id);
                    } else {
                        sawOther = true;
                        checkUserBlock(block, at);
                    }
                } else {
                    checkAssistantBlock(block, at, toolUses);
                }
            }
            if (role.equals("user") && !answered.containsAll(previousToolUses)) {
                List<String> missing = new ArrayList<>(previousToolUses);
                missing.removeAll(answered);
                throw Refusal.invalid("messages." + (i - 1) + ": `tool_use` ids were found without `tool_result` blocks "
                        + "immediately after: " + String.join(", ", missing));
            }
            previousRole = role;
            previousToolUses = toolUses;
        }
    }

    /** A message's content: a non-empty string (one text block) or a non-empty array of blocks. */
    private static List<JsonNode> blocks(JsonNode content, String where) {
        if (content == null) {
            throw Refusal.invalid(where + ": Field required");
        }
        if (content.isTextual()) {
            if (content.asText().isEmpty()) {
                throw Refusal.invalid(where + ": text content blocks must be non-empty");
            }
            return List.of();
        }
        if (!content.isArray() || content.isEmpty()) {
            throw Refusal.invalid(where + ": Input should be a string or a non-empty list of content blocks");
        }
        List<JsonNode> blocks = new ArrayList<>();
        content.forEach(blocks::add);
        return blocks;
    }

    private static void checkUserBlock(JsonNode block, String where) {
        switch (block.path("type").asText()) {
            case "text" -> checkText(block, where);
            case "image" -> checkImage(block, where);
            default -> throw unknownTag(block, where);
        }
    }

    private static void checkAssistantBlock(JsonNode block, String where, Set<String> toolUses) {
        switch (block.path("type").asText()) {
            case "text" -> checkText(block, where);
            case "tool_use" -> {
                AnthropicRequestRules.onlyFields(block, where, "type", "id", "name", "input", "cache_control");
                String id = nonEmptyText(block, "id", where);
                nonEmptyText(block, "name", where);
                if (!block.path("input").isObject()) {
                    throw Refusal.invalid(where + ".input: Input should be a valid dictionary");
                }
                if (!toolUses.add(id)) {
                    throw Refusal.invalid(where + ".id: `tool_use` ids must be unique, '" + id + "' is used twice");
                }
            }
            case "thinking" -> {
                AnthropicRequestRules.onlyFields(block, where, "type", "thinking", "signature");
                nonEmptyText(block, "signature", where);
                if (!block.path("thinking").isTextual()) {
                    throw Refusal.invalid(where + ".thinking: Field required");
                }
            }
            case "redacted_thinking" -> {
                AnthropicRequestRules.onlyFields(block, where, "type", "data");
                nonEmptyText(block, "data", where);
            }
            default -> throw unknownTag(block, where);
        }
    }

    private static void checkText(JsonNode block, String where) {
        AnthropicRequestRules.onlyFields(block, where, "type", "text", "cache_control", "citations");
        JsonNode text = block.get("text");
        if (text == null || !text.isTextual()) {
            throw Refusal.invalid(where + ".text: Field required");
        }
        if (text.asText().isBlank()) {
            throw Refusal.invalid(where + ": text content blocks must contain non-whitespace text");
        }
    }

    private static void checkImage(JsonNode block, String where) {
        AnthropicRequestRules.onlyFields(block, where, "type", "source", "cache_control");
        JsonNode source = block.path("source");
        String at = where + ".source";
        switch (source.path("type").asText()) {
            case "base64" -> {
                AnthropicRequestRules.onlyFields(source, at, "type", "media_type", "data");
                String mediaType = source.path("media_type").asText();
                if (!IMAGE_MEDIA_TYPES.contains(mediaType)) {
                    throw Refusal.invalid(at + ".media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' "
                            + "or 'image/webp', got '" + mediaType + "'");
                }
                String data = nonEmptyText(source, "data", at);
                try {
                    Base64.getDecoder().decode(data);
                } catch (IllegalArgumentException notBase64) {
                    throw Refusal.invalid(at + ".data: the image data is not valid base64");
                }
            }
            case "url" -> {
                AnthropicRequestRules.onlyFields(source, at, "type", "url");
                String url = nonEmptyText(source, "url", at);
                if (!url.startsWith("https://") && !url.startsWith("http://")) {
                    throw Refusal.invalid(at + ".url: the image URL must be http or https");
                }
            }
            default -> throw Refusal.invalid(at + ".type: Input tag '" + source.path("type").asText()
                    + "' does not match any of the expected tags: 'base64', 'url', 'file'");
        }
    }

    /** Checks a tool_result block and returns the id of the call it answers. */
    private static String checkToolResult(JsonNode block, String where) {
        AnthropicRequestRules.onlyFields(block, where, "type", "tool_use_id", "content", "is_error", "cache_control");
        String id = nonEmptyText(block, "tool_use_id", where);
        JsonNode content = block.get("content");
        if (content != null && !content.isTextual()) {
            if (!content.isArray()) {
                throw Refusal.invalid(where + ".content: Input should be a string or a list of blocks");
            }
            for (int k = 0; k < content.size(); k++) {
                checkUserBlock(content.get(k), where + ".content." + k);
            }
        }
        JsonNode isError = block.get("is_error");
        if (isError != null && !isError.isBoolean()) {
            throw Refusal.invalid(where + ".is_error: Input should be a valid boolean");
        }
        return id;
    }

    static String nonEmptyText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw Refusal.invalid(where + "." + field + ": Field required (a non-empty string)");
        }
        return value.asText();
    }

    private static Refusal unknownTag(JsonNode block, String where) {
        return Refusal.invalid(where + ": Input tag '" + block.path("type").asText()
                + "' found using 'type' does not match any of the expected tags");
    }
}
