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
import java.util.List;
import java.util.Set;

/**
 * Anthropic's content blocks other than plain text → the canonical parts they become: a
 * {@code tool_use} a tool call, a {@code tool_result} a tool message, an image an image part, and
 * documents and search results with a plain-text source text (their sources and the mapping are
 * described in {@link MessagesContentJson}).
 */
final class ContentBlocksJson {

    private static final Set<String> IMAGE_FIELDS = Set.of("type", "source", "cache_control");
    private static final Set<String> TOOL_RESULT_FIELDS = Set.of("type", "tool_use_id", "content", "is_error",
            "cache_control", "toolset_name");
    private static final Set<String> TOOL_USE_FIELDS = Set.of("type", "id", "name", "input", "cache_control",
            "caller", "toolset_name");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("type", "source", "title", "context", "citations",
            "cache_control");
    private static final Set<String> SEARCH_RESULT_FIELDS = Set.of("type", "source", "title", "content", "citations",
            "cache_control");

    private ContentBlocksJson() {}

    static ToolCall toolUse(ContentBlock use, DroppedFields dropped) {
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
    static Message.Tool toolResult(ContentBlock result, List<ContentPart> images, DroppedFields dropped) {
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
            ContentBlock part = ContentBlock.at(content, i, path + ".content");
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
    static String document(ContentBlock document, DroppedFields dropped) {
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
    static String searchResult(ContentBlock result, DroppedFields dropped) {
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
    static String textOf(JsonNode content, String path, DroppedFields dropped) {
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if (!present(content) || !content.isArray()) {
            throw invalid(path, "a string or an array of text blocks", content);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            ContentBlock part = ContentBlock.at(content, i, path);
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
    static ContentPart.Image image(ContentBlock image, DroppedFields dropped) {
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
