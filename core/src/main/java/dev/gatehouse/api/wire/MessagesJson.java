package dev.gatehouse.api.wire;

import static dev.gatehouse.api.wire.Fields.invalid;
import static dev.gatehouse.api.wire.Fields.optionalText;
import static dev.gatehouse.api.wire.Fields.present;
import static dev.gatehouse.api.wire.Fields.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Messages in OpenAI's Chat Completions JSON, both ways. */
public final class MessagesJson {

    private MessagesJson() {}

    /** Reads {@code messages}: a non-empty array of messages. */
    public static List<Message> read(JsonNode messages, String path) {
        if (!messages.isArray() || messages.isEmpty()) {
            throw new GatewayException.BadRequest("'" + path + "' must be a non-empty array of messages.", path);
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(readMessage(messages.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    static Message readMessage(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid(path, "a message object", node);
        }
        String role = requiredText(node, "role", path + ".role");
        String name = optionalText(node, "name", path + ".name");
        return switch (role) {
            case "system" -> new Message.System(joinedText(node.get("content"), path + ".content", true), name);
            case "developer" -> new Message.Developer(joinedText(node.get("content"), path + ".content", true), name);
            case "user" -> new Message.User(userContent(node.get("content"), path + ".content"), name);
            case "assistant" -> readAssistant(node, path, name);
            case "tool" -> new Message.Tool(requiredText(node, "tool_call_id", path + ".tool_call_id"),
                    joinedText(node.get("content"), path + ".content", true));
            case "function" -> throw new GatewayException.BadRequest("The 'function' role is deprecated and not "
                    + "supported; use tool messages with 'tool_call_id'.", path + ".role");
            default -> throw new GatewayException.BadRequest("Invalid value for '" + path + ".role': '" + role
                    + "'; expected system, developer, user, assistant or tool.", path + ".role");
        };
    }

    private static Message.Assistant readAssistant(JsonNode node, String path, String name) {
        if (present(node.get("function_call"))) {
            throw new GatewayException.BadRequest("'function_call' on assistant messages is deprecated and not "
                    + "supported; use 'tool_calls'.", path + ".function_call");
        }
        String content = joinedText(node.get("content"), path + ".content", false);
        List<ToolCall> calls = new ArrayList<>();
        JsonNode toolCalls = node.get("tool_calls");
        if (present(toolCalls)) {
            if (!toolCalls.isArray()) {
                throw invalid(path + ".tool_calls", "an array", toolCalls);
            }
            for (int i = 0; i < toolCalls.size(); i++) {
                calls.add(readToolCall(toolCalls.get(i), path + ".tool_calls[" + i + "]"));
            }
        }
        if (content == null && calls.isEmpty()) {
            throw new GatewayException.BadRequest("An assistant message needs 'content' or 'tool_calls'.", path);
        }
        return new Message.Assistant(content, calls, optionalText(node, "refusal", path + ".refusal"),
                optionalText(node, "reasoning_content", path + ".reasoning_content"), name,
                optionalText(node, "reasoning_signature", path + ".reasoning_signature"));
    }

    private static ToolCall readToolCall(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalid(path, "a tool call object", node);
        }
        String type = optionalText(node, "type", path + ".type");
        if (type != null && !type.equals("function")) {
            throw new GatewayException.BadRequest("Invalid value for '" + path + ".type': only 'function' tool "
                    + "calls are supported.", path + ".type");
        }
        JsonNode function = Fields.requiredObject(node, "function", path + ".function");
        String arguments = optionalText(function, "arguments", path + ".function.arguments");
        return new ToolCall(requiredText(node, "id", path + ".id"),
                requiredText(function, "name", path + ".function.name"), arguments == null ? "{}" : arguments);
    }

    /**
     * Content that must be text: a string, or an array of text parts (joined with newlines).
     * Null is allowed only where {@code required} is false.
     */
    private static String joinedText(JsonNode content, String path, boolean required) {
        if (!present(content)) {
            if (required) {
                throw Fields.missing(path);
            }
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw invalid(path, "a string or an array of text parts", content);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partPath = path + "[" + i + "]";
            String type = part.isObject() ? optionalText(part, "type", partPath + ".type") : null;
            if (!"text".equals(type) && !"refusal".equals(type)) {
                throw new GatewayException.BadRequest("Invalid content part at '" + partPath
                        + "': only text parts are allowed here.", partPath);
            }
            if ("text".equals(type)) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(requiredText(part, "text", partPath + ".text"));
            }
        }
        return text.toString();
    }

    private static List<ContentPart> userContent(JsonNode content, String path) {
        if (!present(content)) {
            throw Fields.missing(path);
        }
        if (content.isTextual()) {
            return List.of(new ContentPart.Text(content.asText()));
        }
        if (!content.isArray() || content.isEmpty()) {
            throw invalid(path, "a string or a non-empty array of content parts", content);
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            parts.add(readPart(content.get(i), path + "[" + i + "]"));
        }
        return parts;
    }

    private static ContentPart readPart(JsonNode part, String path) {
        if (!part.isObject()) {
            throw invalid(path, "a content part object", part);
        }
        String type = requiredText(part, "type", path + ".type");
        return switch (type) {
            case "text" -> new ContentPart.Text(requiredText(part, "text", path + ".text"));
            case "image_url" -> readImage(part.get("image_url"), path + ".image_url");
            default -> throw new GatewayException.BadRequest("Content parts of type '" + type + "' are not supported "
                    + "by Gatehouse yet (at '" + path + ".type'); supported: text, image_url.", path + ".type");
        };
    }

    private static ContentPart.Image readImage(JsonNode image, String path) {
        if (image != null && image.isTextual()) {
            ImageUrls.requireAllowedScheme(image.asText(), path);
            return new ContentPart.Image(image.asText(), null);
        }
        if (!present(image) || !image.isObject()) {
            throw invalid(path, "an object with a 'url'", image);
        }
        String url = requiredText(image, "url", path + ".url");
        String detail = optionalText(image, "detail", path + ".detail");
        if (detail != null && !detail.equals("auto") && !detail.equals("low") && !detail.equals("high")) {
            throw new GatewayException.BadRequest("Invalid value for '" + path + ".detail': expected auto, low or high.",
                    path + ".detail");
        }
        ImageUrls.requireAllowedScheme(url, path + ".url");
        return new ContentPart.Image(url, detail);
    }

    // ---- writing ----

    public static ArrayNode write(List<Message> messages) {
        ArrayNode out = Json.array();
        for (Message message : messages) {
            out.add(writeMessage(message));
        }
        return out;
    }

    static ObjectNode writeMessage(Message message) {
        ObjectNode node = Json.object();
        node.put("role", message.role());
        switch (message) {
            case Message.System m -> {
                node.put("content", m.content());
                putIfNotNull(node, "name", m.name());
            }
            case Message.Developer m -> {
                node.put("content", m.content());
                putIfNotNull(node, "name", m.name());
            }
            case Message.User m -> {
                writeUserContent(node, m.content());
                putIfNotNull(node, "name", m.name());
            }
            case Message.Assistant m -> writeAssistant(node, m);
            case Message.Tool m -> {
                node.put("tool_call_id", m.toolCallId());
                node.put("content", m.content());
            }
        }
        return node;
    }

    private static void writeUserContent(ObjectNode node, List<ContentPart> parts) {
        if (parts.size() == 1 && parts.getFirst() instanceof ContentPart.Text text) {
            node.put("content", text.text());
            return;
        }
        ArrayNode content = node.putArray("content");
        for (ContentPart part : parts) {
            ObjectNode p = content.addObject();
            switch (part) {
                case ContentPart.Text text -> p.put("type", "text").put("text", text.text());
                case ContentPart.Image image -> {
                    p.put("type", "image_url");
                    ObjectNode url = p.putObject("image_url").put("url", image.url());
                    putIfNotNull(url, "detail", image.detail());
                }
            }
        }
    }

    /** Writes an assistant message; {@code content} and {@code refusal} always present, as the SDKs expect. */
    static void writeAssistant(ObjectNode node, Message.Assistant m) {
        node.put("content", m.content());
        if (!m.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCall call : m.toolCalls()) {
                ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        putIfNotNull(node, "reasoning_content", m.reasoningContent());
        putIfNotNull(node, "name", m.name());
        if (m.refusal() != null) {
            node.put("refusal", m.refusal());
        }
    }

    static void putIfNotNull(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
