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
import dev.gatehouse.api.ReasoningSignature;
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
 *       (https://platform.claude.com/docs/en/agents-and-tools/tool-use/handle-tool-calls). A
 *       tool result's text is the tool message; its images, which a canonical tool message can
 *       not carry, open the user message that follows the tool messages.</li>
 *   <li>Documents with a plain-text source ({@code text}, or {@code content} blocks of text) and
 *       search results become text: their title, context or source, then their text. A PDF, a
 *       URL or a Files API file is refused: the provider could not read it
 *       (https://platform.claude.com/docs/en/build-with-claude/pdf-support,
 *       https://platform.claude.com/docs/en/build-with-claude/search-results).</li>
 *   <li>An assistant turn's text blocks are joined into its content, {@code tool_use} blocks
 *       become tool calls (their {@code input} as a JSON text), {@code thinking} blocks become
 *       {@code reasoning_content} (their texts joined), and their signatures with the
 *       {@code redacted_thinking} blocks' data the message's reasoning signature
 *       ({@link ReasoningSignature}), which the Anthropic and Bedrock adapters turn back into the
 *       blocks Claude issued. Thinking blocks that carry no signature (Gatehouse writes an empty
 *       one for a provider that does not sign) give reasoning text alone.</li>
 *   <li>{@code cache_control} and {@code citations} are accepted everywhere Anthropic accepts
 *       them, and dropped and named: they change what a request costs or how Anthropic cites,
 *       not what it asks. So is a tool result's {@code is_error} when true.</li>
 *   <li>{@code container_upload} blocks and server-tool blocks are refused with a 400 naming the
 *       block: only Anthropic's own tools could use them.</li>
 * </ul>
 */
final class MessagesContentJson {

    private static final Set<String> TEXT_FIELDS = Set.of("type", "text", "cache_control", "citations");
    private static final Set<String> IMAGE_FIELDS = Set.of("type", "source", "cache_control");
    private static final Set<String> TOOL_RESULT_FIELDS = Set.of("type", "tool_use_id", "content", "is_error",
            "cache_control", "toolset_name");
    private static final Set<String> TOOL_USE_FIELDS = Set.of("type", "id", "name", "input", "cache_control",
            "caller", "toolset_name");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("type", "source", "title", "context", "citations",
            "cache_control");
    private static final Set<String> SEARCH_RESULT_FIELDS = Set.of("type", "source", "title", "content", "citations",
            "cache_control");
    private static final Set<String> THINKING_FIELDS = Set.of("type", "thinking", "signature");
    private static final Set<String> REDACTED_THINKING_FIELDS = Set.of("type", "data");
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content");

    private MessagesContentJson() {}

    /** Block {@code i} of a content array at {@code arrayPath}: an object with a type, and where it is. */
    private record Block(JsonNode node, String path, String type) {
        static Block at(JsonNode blocks, int i, String arrayPath) {
            String path = arrayPath + "[" + i + "]";
            JsonNode node = Read.object(blocks.get(i), path);
            return new Block(node, path, requiredText(node, "type", path + ".type"));
        }

        /** A text block's text, its other fields checked (and dropped, should they be present). */
        String text(DroppedFields dropped) {
            onlyFields(node, path, TEXT_FIELDS);
            dropIfPresent("cache_control", dropped);
            dropIfPresent("citations", dropped);
            return requiredText(node, "text", path + ".text");
        }

        void dropIfPresent(String field, DroppedFields dropped) {
            if (present(node.get(field))) {
                dropped.add(path + "." + field);
            }
        }
    }

    /** The system prompt: absent, a string, or an array of text blocks. */
    static List<Message> readSystem(JsonNode system, DroppedFields dropped) {
        if (!present(system)) {
            return List.of();
        }
        return readSystemMessage(system, "system", dropped);
    }

    private static List<Message> readSystemMessage(JsonNode system, String where, DroppedFields dropped) {
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
            out.add(new Message.System(block.text(dropped), null));
        }
        return out;
    }

    static List<Message> readMessages(JsonNode messages, DroppedFields dropped) {
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
                case "user" -> readUser(message.get("content"), path + ".content", out, dropped);
                case "assistant" -> readAssistant(message.get("content"), path + ".content", last, out, dropped);
                // A system message inside the conversation (newer API versions and SDKs send them).
                case "system" -> out.addAll(readSystemMessage(message.get("content"), path + ".content", dropped));
                default -> throw new GatewayException.BadRequest("Invalid value for '" + path + ".role': '" + role
                        + "'; expected 'user', 'assistant' or 'system'.", path + ".role");
            }
        }
        return out;
    }

    private static void readUser(JsonNode content, String path, List<Message> out, DroppedFields dropped) {
        if (content != null && content.isTextual()) {
            out.add(Message.User.of(content.asText()));
            return;
        }
        JsonNode blocks = blocks(content, path, false);
        List<ContentPart> toolImages = new ArrayList<>();
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = Block.at(blocks, i, path);
            switch (block.type()) {
                case "tool_result" -> {
                    if (!parts.isEmpty()) {
                        throw new GatewayException.BadRequest("'" + block.path() + "': tool_result blocks must come "
                                + "before any other content of the user message.", block.path());
                    }
                    out.add(toolResult(block, toolImages, dropped));
                }
                case "text" -> parts.add(new ContentPart.Text(block.text(dropped)));
                case "image" -> parts.add(image(block, dropped));
                case "document" -> parts.add(new ContentPart.Text(document(block, dropped)));
                case "search_result" -> parts.add(new ContentPart.Text(searchResult(block, dropped)));
                case "container_upload" -> throw notSupported(block.path(), "a file uploaded to Anthropic's code "
                        + "execution container is of use only to Anthropic's own code execution tool");
                default -> throw new GatewayException.BadRequest("Invalid value for '" + block.path() + ".type': '"
                        + block.type() + "' is not a user content block Gatehouse supports (text, image, document,"
                        + " search_result, tool_result).", block.path() + ".type");
            }
        }
        toolImages.addAll(parts);
        if (!toolImages.isEmpty()) {
            out.add(new Message.User(toolImages, null));
        }
    }

    private static void readAssistant(JsonNode content, String path, boolean last, List<Message> out,
            DroppedFields dropped) {
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
        List<ReasoningSignature.Block> reasoning = new ArrayList<>();
        boolean sawText = false;
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = Block.at(blocks, i, path);
            switch (block.type()) {
                case "text" -> {
                    sawText = true;
                    text.append(block.text(dropped));
                }
                case "tool_use" -> calls.add(toolUse(block, dropped));
                case "thinking" -> {
                    onlyFields(block.node(), block.path(), THINKING_FIELDS);
                    String thought = requiredText(block.node(), "thinking", block.path() + ".thinking");
                    thinking.append(thought);
                    reasoning.add(new ReasoningSignature.Thinking(thought,
                            Fields.optionalText(block.node(), "signature", block.path() + ".signature")));
                }
                case "redacted_thinking" -> {
                    onlyFields(block.node(), block.path(), REDACTED_THINKING_FIELDS);
                    reasoning.add(new ReasoningSignature.Redacted(
                            requiredText(block.node(), "data", block.path() + ".data")));
                }
                default -> throw notSupported(block.path() + ".type", "'" + block.type()
                        + "' blocks are not translated (assistant blocks supported: text, tool_use, thinking)");
            }
        }
        String signature = signed(reasoning) ? ReasoningSignature.encode(reasoning) : null;
        if (blocks.isEmpty() || (!sawText && calls.isEmpty() && thinking.isEmpty() && signature == null)) {
            return; // An empty prefill: nothing a canonical message carries.
        }
        String answer = sawText || calls.isEmpty() ? text.toString() : null;
        out.add(new Message.Assistant(answer, calls, null, thinking.isEmpty() ? null : thinking.toString(), null,
                signature));
    }

    /**
     * Whether the blocks carry anything a provider issued: a signature or redacted data. Thinking
     * blocks that are all unsigned came from a provider that does not sign; a signature made of
     * empty ones would be sent back to Claude and refused.
     */
    private static boolean signed(List<ReasoningSignature.Block> blocks) {
        return blocks.stream().anyMatch(block -> switch (block) {
            case ReasoningSignature.Thinking thinking -> !thinking.signature().isEmpty();
            case ReasoningSignature.Redacted redacted -> true;
        });
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

    private static ToolCall toolUse(Block use, DroppedFields dropped) {
        JsonNode block = use.node();
        String path = use.path();
        onlyFields(block, path, TOOL_USE_FIELDS);
        use.dropIfPresent("cache_control", dropped);
        use.dropIfPresent("caller", dropped);
        use.dropIfPresent("toolset_name", dropped);
        JsonNode input = block.get("input");
        if (!present(input) || !input.isObject()) {
            throw invalid(path + ".input", "an object", input);
        }
        return new ToolCall(requiredText(block, "id", path + ".id"), requiredText(block, "name", path + ".name"),
                Json.text(input));
    }

    /**
     * A tool result: its text is the tool message; its images go to {@code images}, for the user
     * message after the tool messages; documents and search results become text.
     */
    private static Message.Tool toolResult(Block result, List<ContentPart> images, DroppedFields dropped) {
        JsonNode block = result.node();
        String path = result.path();
        onlyFields(block, path, TOOL_RESULT_FIELDS);
        result.dropIfPresent("cache_control", dropped);
        result.dropIfPresent("toolset_name", dropped);
        String id = requiredText(block, "tool_use_id", path + ".tool_use_id");
        if (Boolean.TRUE.equals(Fields.optionalBoolean(block, "is_error", path + ".is_error"))) {
            dropped.add(path + ".is_error");
        }
        JsonNode content = block.get("content");
        if (!present(content)) {
            return new Message.Tool(id, "");
        }
        if (content.isTextual()) {
            return new Message.Tool(id, content.asText());
        }
        if (!content.isArray()) {
            throw invalid(path + ".content", "a string or an array of content blocks", content);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            Block part = Block.at(content, i, path + ".content");
            String partText = switch (part.type()) {
                case "text" -> part.text(dropped);
                case "document" -> document(part, dropped);
                case "search_result" -> searchResult(part, dropped);
                case "image" -> {
                    images.add(image(part, dropped));
                    yield null;
                }
                default -> throw new GatewayException.BadRequest("Invalid value for '" + part.path() + ".type': '"
                        + part.type() + "'; a tool result holds text, image, document or search_result blocks.",
                        part.path() + ".type");
            };
            if (partText == null) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(partText);
        }
        return new Message.Tool(id, text.toString());
    }

    /**
     * A document whose source is plain text, as text: its title and context first. Other sources
     * (a PDF as base64 or URL, a Files API file) are refused: no provider behind the translation
     * is sure to read them.
     */
    private static String document(Block document, DroppedFields dropped) {
        JsonNode block = document.node();
        String path = document.path();
        onlyFields(block, path, DOCUMENT_FIELDS);
        document.dropIfPresent("cache_control", dropped);
        document.dropIfPresent("citations", dropped);
        JsonNode source = Read.object(block.get("source"), path + ".source");
        String type = requiredText(source, "type", path + ".source.type");
        String body = switch (type) {
            case "text" -> {
                onlyFields(source, path + ".source", Set.of("type", "media_type", "data"));
                yield requiredText(source, "data", path + ".source.data");
            }
            case "content" -> {
                onlyFields(source, path + ".source", Set.of("type", "content"));
                yield textOf(source.get("content"), path + ".source.content", dropped);
            }
            case "base64", "url", "file" -> throw notSupported(path + ".source", "a " + type + " document (a PDF or a "
                    + "file) can only be read by Anthropic's own models; send its text as a text document");
            default -> throw new GatewayException.BadRequest("Invalid value for '" + path + ".source.type': '" + type
                    + "'; expected base64, text, content, url or file.", path + ".source.type");
        };
        StringBuilder out = new StringBuilder();
        String title = Fields.optionalText(block, "title", path + ".title");
        String context = Fields.optionalText(block, "context", path + ".context");
        if (title != null) {
            out.append("Document: ").append(title).append('\n');
        }
        if (context != null) {
            out.append(context).append('\n');
        }
        return out.append(body).toString();
    }

    /** A search result, as text: its title and source, then its text. */
    private static String searchResult(Block result, DroppedFields dropped) {
        JsonNode block = result.node();
        String path = result.path();
        onlyFields(block, path, SEARCH_RESULT_FIELDS);
        result.dropIfPresent("cache_control", dropped);
        result.dropIfPresent("citations", dropped);
        String title = requiredText(block, "title", path + ".title");
        String source = requiredText(block, "source", path + ".source");
        return "Search result: " + title + " (" + source + ")\n" + textOf(block.get("content"), path + ".content",
                dropped);
    }

    /** A string, or text blocks joined by new lines. */
    private static String textOf(JsonNode content, String path, DroppedFields dropped) {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if (!present(content) || !content.isArray()) {
            throw invalid(path, "a string or an array of text blocks", content);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            Block part = Block.at(content, i, path);
            if (!part.type().equals("text")) {
                throw new GatewayException.BadRequest("Invalid value for '" + part.path() + ".type': '" + part.type()
                        + "'; only text blocks are translated here.", part.path() + ".type");
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(part.text(dropped));
        }
        return text.toString();
    }

    /** An image block: base64 data becomes a data URL, a URL source stays a URL. */
    private static ContentPart.Image image(Block image, DroppedFields dropped) {
        JsonNode block = image.node();
        String path = image.path();
        onlyFields(block, path, IMAGE_FIELDS);
        image.dropIfPresent("cache_control", dropped);
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
