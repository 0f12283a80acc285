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

    private static final Set<String> THINKING_FIELDS = Set.of("type", "thinking", "signature");
    private static final Set<String> REDACTED_THINKING_FIELDS = Set.of("type", "data");
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content");

    private MessagesContentJson() {}

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
            ContentBlock block = ContentBlock.at(system, i, where);
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
            ContentBlock block = ContentBlock.at(blocks, i, path);
            switch (block.type()) {
                case "tool_result" -> {
                    if (!parts.isEmpty()) {
                        throw new GatewayException.BadRequest("'" + block.path() + "': tool_result blocks must come "
                                + "before any other content of the user message.", block.path());
                    }
                    out.add(ContentBlocksJson.toolResult(block, toolImages, dropped));
                }
                case "text" -> parts.add(new ContentPart.Text(block.text(dropped)));
                case "image" -> parts.add(ContentBlocksJson.image(block, dropped));
                case "document" -> parts.add(new ContentPart.Text(ContentBlocksJson.document(block, dropped)));
                case "search_result" -> parts.add(new ContentPart.Text(ContentBlocksJson.searchResult(block, dropped)));
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
            ContentBlock block = ContentBlock.at(blocks, i, path);
            switch (block.type()) {
                case "text" -> {
                    sawText = true;
                    text.append(block.text(dropped));
                }
                case "tool_use" -> calls.add(ContentBlocksJson.toolUse(block, dropped));
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
}
