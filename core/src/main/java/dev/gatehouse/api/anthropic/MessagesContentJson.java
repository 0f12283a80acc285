package dev.gatehouse.api.anthropic;

import static dev.gatehouse.api.anthropic.Read.notSupported;
import static dev.gatehouse.api.anthropic.Read.onlyFields;
import static dev.gatehouse.api.anthropic.Read.requiredText;
import static dev.gatehouse.api.wire.Fields.invalid;
import static dev.gatehouse.api.wire.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.wire.Fields;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Anthropic's {@code system} and {@code messages} → canonical messages
 * (https://platform.claude.com/docs/en/api/messages/create).
 *
 * <ul>
 *   <li>{@code system} (a string, or text blocks) becomes one system message per block, and so
 *       does a message with the role {@code system} inside the conversation.</li>
 *   <li>A user turn's {@code tool_result} blocks become tool messages, in order; its text and
 *       image blocks become one user message after them. Tool results must come first in the
 *       turn, as Anthropic requires
 *       (https://platform.claude.com/docs/en/agents-and-tools/tool-use/handle-tool-calls).</li>
 *   <li>An assistant turn's text blocks are joined into its content, {@code tool_use} blocks
 *       become tool calls (their {@code input} as a JSON text), {@code thinking} blocks become
 *       {@code reasoning_content}. Signatures and {@code redacted_thinking} have no canonical
 *       place and are not carried.</li>
 *   <li>{@code cache_control} is accepted everywhere Anthropic accepts it and not carried: it
 *       changes what a request costs, not what it means. A tool result's {@code is_error}
 *       has no canonical place either; its content is carried as it is.</li>
 *   <li>Block types with no canonical equivalent (documents, search results, server-tool
 *       blocks, images inside tool results) are refused with a 400 naming the block.</li>
 * </ul>
 */
final class MessagesContentJson {

    private static final Set<String> TEXT_FIELDS = Set.of("type", "text", "cache_control", "citations");
    private static final Set<String> IMAGE_FIELDS = Set.of("type", "source", "cache_control");
    private static final Set<String> TOOL_RESULT_FIELDS = Set.of("type", "tool_use_id", "content", "is_error",
            "cache_control");
    private static final Set<String> TOOL_USE_FIELDS = Set.of("type", "id", "name", "input", "cache_control");
    private static final Set<String> THINKING_FIELDS = Set.of("type", "thinking", "signature");
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content");

    private MessagesContentJson() {}

    /** Block {@code i} of a content array at {@code arrayPath}: an object with a type, and where it is. */
    private record Block(JsonNode node, String path, String type) {
        static Block at(JsonNode blocks, int i, String arrayPath) {
            String path = arrayPath + "[" + i + "]";
            JsonNode node = Read.object(blocks.get(i), path);
            return new Block(node, path, requiredText(node, "type", path + ".type"));
        }

        /** A text block's text, its other fields checked. */
        String text() {
            onlyFields(node, path, TEXT_FIELDS);
            return requiredText(node, "text", path + ".text");
        }
    }

    /** The system prompt: absent, a string, or an array of text blocks. */
    static List<Message> readSystem(JsonNode system) {
        if (!present(system)) {
            return List.of();
        }
        return readSystemMessage(system, "system");
    }

    private static List<Message> readSystemMessage(JsonNode system, String where) {
        if (!present(system)) {
            throw Read.missing(where);
        }
        if (system.isTextual()) {
            return system.asText().isEmpty() ? List.of() : List.of(new Message.System(system.asText(), null));
        }
        if (!system.isArray()) {
            throw invalid(where, "a string or an array of text blocks", system);
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < system.size(); i++) {
            Block block = Block.at(system, i, where);
            if (!block.type().equals("text")) {
                throw new GatewayException.BadRequest("Invalid value for '" + block.path() + ".type': system blocks"
                        + " must be of type 'text'.", block.path() + ".type");
            }
            out.add(new Message.System(block.text(), null));
        }
        return out;
    }

    static List<Message> readMessages(JsonNode messages) {
        if (!present(messages)) {
            throw Read.missing("messages");
        }
        if (!messages.isArray()) {
            throw invalid("messages", "an array of messages", messages);
        }
        if (messages.isEmpty()) {
            throw new GatewayException.BadRequest("'messages' must contain at least one message.", "messages");
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String path = "messages[" + i + "]";
            JsonNode message = Read.object(messages.get(i), path);
            onlyFields(message, path, MESSAGE_FIELDS);
            String role = requiredText(message, "role", path + ".role");
            boolean last = i == messages.size() - 1;
            switch (role) {
                case "user" -> readUser(message.get("content"), path + ".content", out);
                case "assistant" -> readAssistant(message.get("content"), path + ".content", last, out);
                // A system message inside the conversation (newer API versions and SDKs send them).
                case "system" -> out.addAll(readSystemMessage(message.get("content"), path + ".content"));
                default -> throw new GatewayException.BadRequest("Invalid value for '" + path + ".role': '" + role
                        + "'; expected 'user', 'assistant' or 'system'.", path + ".role");
            }
        }
        return out;
    }

    private static void readUser(JsonNode content, String path, List<Message> out) {
        if (content != null && content.isTextual()) {
            out.add(Message.User.of(content.asText()));
            return;
        }
        JsonNode blocks = blocks(content, path, false);
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = Block.at(blocks, i, path);
            switch (block.type()) {
                case "tool_result" -> {
                    if (!parts.isEmpty()) {
                        throw new GatewayException.BadRequest("'" + block.path() + "': tool_result blocks must come "
                                + "before any other content of the user message.", block.path());
                    }
                    out.add(toolResult(block));
                }
                case "text" -> parts.add(new ContentPart.Text(block.text()));
                case "image" -> parts.add(image(block.node(), block.path()));
                case "document", "search_result", "container_upload" -> throw notSupported(block.path(),
                        block.type() + " blocks have no equivalent that every provider takes");
                default -> throw new GatewayException.BadRequest("Invalid value for '" + block.path() + ".type': '"
                        + block.type() + "' is not a user content block Gatehouse supports (text, image,"
                        + " tool_result).", block.path() + ".type");
            }
        }
        if (!parts.isEmpty()) {
            out.add(new Message.User(parts, null));
        }
    }

    private static void readAssistant(JsonNode content, String path, boolean last, List<Message> out) {
        if (content != null && content.isTextual()) {
            if (!content.asText().isEmpty() || !last) {
                out.add(Message.Assistant.of(content.asText()));
            }
            return;
        }
        // Only the final assistant message (a prefill) may be empty.
        JsonNode blocks = blocks(content, path, last);
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        boolean sawText = false;
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = Block.at(blocks, i, path);
            switch (block.type()) {
                case "text" -> {
                    sawText = true;
                    text.append(block.text());
                }
                case "tool_use" -> calls.add(toolUse(block.node(), block.path()));
                case "thinking" -> {
                    onlyFields(block.node(), block.path(), THINKING_FIELDS);
                    thinking.append(requiredText(block.node(), "thinking", block.path() + ".thinking"));
                }
                case "redacted_thinking" -> { } // Encrypted for Anthropic alone: no canonical place, nothing to read.
                default -> throw notSupported(block.path() + ".type", "'" + block.type()
                        + "' blocks are not translated (assistant blocks supported: text, tool_use, thinking)");
            }
        }
        if (blocks.isEmpty() || (!sawText && calls.isEmpty() && thinking.isEmpty())) {
            return; // An empty prefill, or only redacted thinking: nothing a canonical message carries.
        }
        String answer = sawText || calls.isEmpty() ? text.toString() : null;
        out.add(new Message.Assistant(answer, calls, null, thinking.isEmpty() ? null : thinking.toString(), null));
    }

    private static JsonNode blocks(JsonNode content, String path, boolean mayBeEmpty) {
        if (!present(content)) {
            throw Read.missing(path);
        }
        if (!content.isArray()) {
            throw invalid(path, "a string or an array of content blocks", content);
        }
        if (content.isEmpty() && !mayBeEmpty) {
            throw new GatewayException.BadRequest("'" + path + "' must not be empty (only the final assistant "
                    + "message may be).", path);
        }
        return content;
    }

    private static ToolCall toolUse(JsonNode block, String path) {
        onlyFields(block, path, TOOL_USE_FIELDS);
        JsonNode input = block.get("input");
        if (!present(input) || !input.isObject()) {
            throw invalid(path + ".input", "an object", input);
        }
        return new ToolCall(requiredText(block, "id", path + ".id"), requiredText(block, "name", path + ".name"),
                Json.text(input));
    }

    private static Message.Tool toolResult(Block result) {
        JsonNode block = result.node();
        String path = result.path();
        onlyFields(block, path, TOOL_RESULT_FIELDS);
        String id = requiredText(block, "tool_use_id", path + ".tool_use_id");
        Fields.optionalBoolean(block, "is_error", path + ".is_error");
        JsonNode content = block.get("content");
        if (!present(content)) {
            return new Message.Tool(id, "");
        }
        if (content.isTextual()) {
            return new Message.Tool(id, content.asText());
        }
        if (!content.isArray()) {
            throw invalid(path + ".content", "a string or an array of text blocks", content);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            Block part = Block.at(content, i, path + ".content");
            if (!part.type().equals("text")) {
                throw notSupported(part.path(), "tool results can carry only text through the canonical "
                        + "format (a tool message's content is text), not '" + part.type() + "' blocks");
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(part.text());
        }
        return new Message.Tool(id, text.toString());
    }

    /** An image block: base64 data becomes a data URL, a URL source stays a URL. */
    private static ContentPart.Image image(JsonNode block, String path) {
        onlyFields(block, path, IMAGE_FIELDS);
        JsonNode source = block.get("source");
        if (!present(source)) {
            throw Read.missing(path + ".source");
        }
        Read.object(source, path + ".source");
        String type = requiredText(source, "type", path + ".source.type");
        return switch (type) {
            case "base64" -> {
                onlyFields(source, path + ".source", Set.of("type", "media_type", "data"));
                String mediaType = requiredText(source, "media_type", path + ".source.media_type");
                if (!Set.of("image/jpeg", "image/png", "image/gif", "image/webp").contains(mediaType)) {
                    throw new GatewayException.BadRequest("Invalid value for '" + path + ".source.media_type': '"
                            + mediaType + "'; expected image/jpeg, image/png, image/gif or image/webp.",
                            path + ".source.media_type");
                }
                yield new ContentPart.Image("data:" + mediaType + ";base64,"
                        + requiredText(source, "data", path + ".source.data"), null);
            }
            case "url" -> {
                onlyFields(source, path + ".source", Set.of("type", "url"));
                String url = requiredText(source, "url", path + ".source.url");
                dev.gatehouse.api.wire.ImageUrls.requireAllowedScheme(url, path + ".source.url");
                yield new ContentPart.Image(url, null);
            }
            case "file" -> throw notSupported(path + ".source", "file sources belong to Anthropic's Files API");
            default -> throw new GatewayException.BadRequest("Invalid value for '" + path + ".source.type': '" + type
                    + "'; expected base64 or url.", path + ".source.type");
        };
    }
}
