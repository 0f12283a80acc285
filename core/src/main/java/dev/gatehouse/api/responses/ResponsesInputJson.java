package dev.gatehouse.api.responses;

import static dev.gatehouse.api.responses.Read.notSupported;
import static dev.gatehouse.api.responses.Read.onlyFields;
import static dev.gatehouse.api.responses.Read.requiredText;
import static dev.gatehouse.api.wire.Fields.invalid;
import static dev.gatehouse.api.wire.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code input} of a Responses request → canonical messages
 * (https://platform.openai.com/docs/api-reference/responses/create, "input").
 *
 * <p>Responses items are finer than chat messages: one assistant turn is a {@code reasoning}
 * item, a {@code message} and several {@code function_call} items. They are joined into one
 * assistant message (reasoning text, text, tool calls), because chat providers want a turn's tool
 * calls on one message, answered by the tool messages that follow it. A reasoning item, or a
 * second assistant text, starts a new turn.
 */
final class ResponsesInputJson {

    private static final Set<String> TEXT_PART_FIELDS = Set.of("type", "text");
    private static final Set<String> MESSAGE_FIELDS = Set.of("type", "role", "content", "id", "status");
    private static final Set<String> CALL_FIELDS = Set.of("type", "call_id", "name", "namespace", "arguments",
            "id", "status");
    private static final Set<String> OUTPUT_FIELDS = Set.of("type", "call_id", "output", "id", "status");
    private static final Set<String> REASONING_FIELDS = Set.of("type", "id", "summary", "content",
            "encrypted_content", "status");
    /** Items of OpenAI's built-in tools: only OpenAI runs them, so only a native deployment can take them back. */
    private static final Set<String> BUILT_IN_ITEMS = Set.of("file_search_call", "computer_call",
            "computer_call_output", "web_search_call", "image_generation_call", "code_interpreter_call",
            "local_shell_call", "local_shell_call_output", "shell_call", "shell_call_output", "apply_patch_call",
            "apply_patch_call_output", "mcp_list_tools", "mcp_approval_request", "mcp_approval_response", "mcp_call",
            "custom_tool_call", "custom_tool_call_output", "compaction");

    private ResponsesInputJson() {}

    /** The caller's input as item objects: a string is one user message item. */
    static ArrayNode items(JsonNode input) {
        ArrayNode items = Json.array();
        if (!present(input)) {
            return items;
        }
        if (input.isTextual()) {
            ObjectNode message = items.addObject().put("type", "message").put("role", "user");
            message.putArray("content").addObject().put("type", "input_text").put("text", input.asText());
            return items;
        }
        if (!input.isArray()) {
            throw invalid("input", "a string or an array of input items", input);
        }
        return (ArrayNode) input.deepCopy();
    }

    /** The messages of {@code items}; errors name {@code input[i]…}. */
    static List<Message> messages(ArrayNode items) {
        Turns turns = new Turns();
        for (int i = 0; i < items.size(); i++) {
            String path = "input[" + i + "]";
            JsonNode item = Read.object(items.get(i), path);
            String type = item.has("type") ? requiredText(item, "type", path + ".type") : "message";
            switch (type) {
                case "message" -> message(item, path, turns);
                case "function_call" -> functionCall(item, path, turns);
                case "function_call_output" -> functionCallOutput(item, path, turns);
                case "reasoning" -> reasoning(item, path, turns);
                case "item_reference" -> throw notSupported(path + ".type", "an item_reference points into OpenAI's "
                        + "own store; send the item itself, or use previous_response_id");
                default -> {
                    if (BUILT_IN_ITEMS.contains(type)) {
                        throw notSupported(path + ".type", "'" + type + "' items come from OpenAI's built-in tools, "
                                + "which only a native OpenAI or Azure OpenAI deployment runs");
                    }
                    throw Read.invalidValue(path + ".type", type,
                            "message, function_call, function_call_output or reasoning");
                }
            }
        }
        return turns.finish();
    }

    private static void message(JsonNode item, String path, Turns turns) {
        onlyFields(item, path, MESSAGE_FIELDS);
        String role = requiredText(item, "role", path + ".role");
        JsonNode content = item.get("content");
        if (!present(content)) {
            throw Read.missing(path + ".content");
        }
        switch (role) {
            case "user" -> turns.add(new Message.User(userParts(content, path + ".content"), null));
            case "system" -> turns.add(new Message.System(text(content, path + ".content"), null));
            case "developer" -> turns.add(new Message.Developer(text(content, path + ".content"), null));
            case "assistant" -> assistant(content, path + ".content", turns);
            default -> throw Read.invalidValue(path + ".role", role, "user, system, developer or assistant");
        }
    }

    /** A user message's parts: text and images. */
    private static List<ContentPart> userParts(JsonNode content, String path) {
        if (content.isTextual()) {
            return List.of(new ContentPart.Text(content.asText()));
        }
        if (!content.isArray()) {
            throw invalid(path, "a string or an array of content parts", content);
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            String partPath = path + "[" + i + "]";
            JsonNode part = Read.object(content.get(i), partPath);
            String type = requiredText(part, "type", partPath + ".type");
            switch (type) {
                case "input_text" -> {
                    onlyFields(part, partPath, TEXT_PART_FIELDS);
                    parts.add(new ContentPart.Text(requiredText(part, "text", partPath + ".text")));
                }
                case "input_image" -> parts.add(image(part, partPath));
                case "input_file" -> throw notSupported(partPath, "a file part has no faithful form in the canonical "
                        + "request every provider serves (a file id lives in OpenAI's storage; a PDF's pages are "
                        + "read by OpenAI itself)");
                case "input_audio" -> throw notSupported(partPath, "audio input is not translated");
                default -> throw Read.invalidValue(partPath + ".type", type, "input_text, input_image or input_file");
            }
        }
        return parts;
    }

    private static ContentPart.Image image(JsonNode part, String path) {
        onlyFields(part, path, Set.of("type", "image_url", "file_id", "detail"));
        if (present(part.get("file_id"))) {
            throw notSupported(path + ".file_id", "a file id lives in OpenAI's own storage; send the image as a URL "
                    + "or a base64 data URL");
        }
        String url = requiredText(part, "image_url", path + ".image_url");
        String detail = Read.oneOf(part, "detail", path + ".detail", Set.of("auto", "low", "high", "original"));
        if ("original".equals(detail)) {
            throw notSupported(path + ".detail", "'original' detail exists only on OpenAI's own models");
        }
        return new ContentPart.Image(url, detail);
    }

    /** The text of a system or developer message: a string, or text parts joined. */
    private static String text(JsonNode content, String path) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw invalid(path, "a string or an array of input_text parts", content);
        }
        return inputTexts(content, path, "system and developer messages carry text only when translated");
    }

    /** {@code input_text} parts' texts joined; any other part is refused with {@code why}. */
    private static String inputTexts(JsonNode parts, String path, String why) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String partPath = path + "[" + i + "]";
            JsonNode part = Read.object(parts.get(i), partPath);
            String type = requiredText(part, "type", partPath + ".type");
            if (!type.equals("input_text")) {
                throw notSupported(partPath + ".type", why);
            }
            onlyFields(part, partPath, TEXT_PART_FIELDS);
            text.append(requiredText(part, "text", partPath + ".text"));
        }
        return text.toString();
    }

    /** An assistant message: output_text (or plain text) and refusal parts, as a response's own output. */
    private static void assistant(JsonNode content, String path, Turns turns) {
        if (content.isTextual()) {
            turns.assistantText(content.asText(), null);
            return;
        }
        if (!content.isArray()) {
            throw invalid(path, "a string or an array of output_text and refusal parts", content);
        }
        StringBuilder text = new StringBuilder();
        StringBuilder refusal = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            String partPath = path + "[" + i + "]";
            JsonNode part = Read.object(content.get(i), partPath);
            String type = requiredText(part, "type", partPath + ".type");
            switch (type) {
                case "output_text", "input_text" -> {
                    // Annotations and log probabilities describe an earlier answer; they are not sent back to a model.
                    onlyFields(part, partPath, Set.of("type", "text", "annotations", "logprobs"));
                    text.append(requiredText(part, "text", partPath + ".text"));
                }
                case "refusal" -> {
                    onlyFields(part, partPath, Set.of("type", "refusal"));
                    refusal.append(requiredText(part, "refusal", partPath + ".refusal"));
                }
                default -> throw Read.invalidValue(partPath + ".type", type, "output_text or refusal");
            }
        }
        turns.assistantText(text.isEmpty() ? null : text.toString(), refusal.isEmpty() ? null : refusal.toString());
    }

    private static void functionCall(JsonNode item, String path, Turns turns) {
        onlyFields(item, path, CALL_FIELDS);
        String name = requiredText(item, "name", path + ".name");
        String namespace = dev.gatehouse.api.wire.Fields.optionalText(item, "namespace", path + ".namespace");
        turns.toolCall(new ToolCall(requiredText(item, "call_id", path + ".call_id"),
                namespace == null ? name : ResponsesToolsJson.namespaced(namespace, name),
                requiredText(item, "arguments", path + ".arguments")));
    }

    private static void functionCallOutput(JsonNode item, String path, Turns turns) {
        onlyFields(item, path, OUTPUT_FIELDS);
        String callId = requiredText(item, "call_id", path + ".call_id");
        JsonNode output = item.get("output");
        if (!present(output)) {
            throw Read.missing(path + ".output");
        }
        String text;
        if (output.isTextual()) {
            text = output.asText();
        } else if (output.isArray()) {
            // A canonical tool message carries text only: an image or file a tool returned can not go with it.
            text = inputTexts(output, path + ".output", "a tool's output reaches a translated model as text only");
        } else {
            throw invalid(path + ".output", "a string or an array of content parts", output);
        }
        turns.add(new Message.Tool(callId, text));
    }

    /**
     * A reasoning item: its text (the full reasoning_text content when present, as Gatehouse's own
     * answers carry it, else the summary) becomes the turn's reasoning content. An
     * {@code encrypted_content} of Gatehouse's own ({@link EncryptedReasoning}) gives the turn the
     * provider's reasoning signature, with the exact text it signs (which Codex does not send back
     * as content); another's, OpenAI's, is left in the input items only (the request lists it as
     * dropped).
     */
    private static void reasoning(JsonNode item, String path, Turns turns) {
        onlyFields(item, path, REASONING_FIELDS);
        JsonNode encrypted = item.get("encrypted_content");
        if (present(encrypted) && !encrypted.isTextual()) {
            throw invalid(path + ".encrypted_content", "a string", encrypted);
        }
        String content = joined(item.get("content"), path + ".content", "reasoning_text");
        String summary = joined(item.get("summary"), path + ".summary", "summary_text");
        if (present(encrypted) && EncryptedReasoning.isOwn(encrypted.asText())) {
            EncryptedReasoning.Unwrapped own = EncryptedReasoning.unwrap(encrypted.asText(),
                    path + ".encrypted_content");
            turns.reasoning(own.text().isEmpty() ? null : own.text(), own.signature());
            return;
        }
        turns.reasoning(content != null ? content : summary, null);
    }

    private static String joined(JsonNode parts, String path, String partType) {
        if (!present(parts)) {
            return null;
        }
        if (!parts.isArray()) {
            throw invalid(path, "an array of " + partType + " parts", parts);
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String partPath = path + "[" + i + "]";
            JsonNode part = Read.object(parts.get(i), partPath);
            String type = requiredText(part, "type", partPath + ".type");
            if (!type.equals(partType)) {
                throw Read.invalidValue(partPath + ".type", type, partType);
            }
            onlyFields(part, partPath, TEXT_PART_FIELDS);
            texts.add(requiredText(part, "text", partPath + ".text"));
        }
        return texts.isEmpty() ? null : String.join("\n\n", texts);
    }

    /** Collects messages, joining the items of one assistant turn. */
    private static final class Turns {
        private final List<Message> messages = new ArrayList<>();
        private String reasoning;
        private String signature;
        private String text;
        private String refusal;
        private final List<ToolCall> calls = new ArrayList<>();
        private boolean open;

        void add(Message message) {
            flush();
            messages.add(message);
        }

        void reasoning(String value, String reasoningSignature) {
            flush();
            open = true;
            reasoning = value;
            signature = reasoningSignature;
        }

        void assistantText(String value, String refusalText) {
            if (text != null || refusal != null || !calls.isEmpty()) {
                flush();
            }
            open = true;
            text = value;
            refusal = refusalText;
        }

        void toolCall(ToolCall call) {
            open = true;
            calls.add(call);
        }

        List<Message> finish() {
            flush();
            return messages;
        }

        private void flush() {
            if (open) {
                messages.add(new Message.Assistant(text, calls, refusal, reasoning, null, signature));
            }
            open = false;
            reasoning = null;
            signature = null;
            text = null;
            refusal = null;
            calls.clear();
        }
    }
}
