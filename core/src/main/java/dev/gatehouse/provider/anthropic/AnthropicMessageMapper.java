package dev.gatehouse.provider.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.provider.ClaudeThinking;
import dev.gatehouse.provider.Conversations;
import dev.gatehouse.provider.ToolUses;
import dev.gatehouse.provider.UnsupportedParams;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.DataUrl;
import dev.gatehouse.api.Message;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI chat messages → Anthropic's {@code system} and {@code messages}.
 *
 * <ul>
 *   <li>System and developer messages, wherever they stand, become the top-level system
 *       prompt, in order.</li>
 *   <li>Consecutive turns of one role become one turn. Tool messages are {@code tool_result}
 *       blocks in a user turn, merged with the user content next to them; the tool results
 *       come first, as Anthropic requires
 *       (https://platform.claude.com/docs/en/agents-and-tools/tool-use/handle-tool-calls).</li>
 *   <li>A conversation Anthropic would refuse is refused here, naming the message: a tool
 *       result that answers no call of the assistant turn right before it, a tool call left
 *       unanswered before the conversation goes on, a turn with nothing in it.</li>
 *   <li>An assistant message's reasoning goes back as the {@code thinking} and
 *       {@code redacted_thinking} blocks it came as, first in the message, when the request has
 *       thinking on and the message carries its reasoning signature (Anthropic takes thinking
 *       only with the signature it was issued with; docs/agents.md, "Reasoning on every
 *       provider"). Reasoning text without a signature is not sent back. A {@code refusal} is
 *       sent as the assistant's text.</li>
 * </ul>
 */
final class AnthropicMessageMapper {

    /** The image media types Anthropic accepts (https://platform.claude.com/docs/en/build-with-claude/vision). */
    static final Set<String> IMAGE_MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    /** The system prompt parts, the alternating turns, and the index of the last message if it is the assistant's. */
    record Conversation(List<String> system, ArrayNode messages, Integer trailingAssistant) {}

    /** One Anthropic turn being built from one or more OpenAI messages. */
    private static final class Turn {
        final String role;
        final int firstMessage;
        final List<ObjectNode> toolResults = new ArrayList<>();
        final List<ObjectNode> blocks = new ArrayList<>();
        /** Tool call id → index of the message that made or answered it. */
        final Map<String, Integer> toolIds = new LinkedHashMap<>();

        Turn(String role, int firstMessage) {
            this.role = role;
            this.firstMessage = firstMessage;
        }
    }

    private AnthropicMessageMapper() {}

    static Conversation toAnthropic(List<Message> messages, UnsupportedParams unsupported) {
        return toAnthropic(messages, unsupported, false);
    }

    /** The conversation; with {@code thinking}, assistant messages carry their signed reasoning blocks back. */
    static Conversation toAnthropic(List<Message> messages, UnsupportedParams unsupported, boolean thinking) {
        List<String> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        Conversations.walk(messages, unsupported, new Conversations.Turns(system::add,
                (user, index) -> addUser(turn(turns, "user", index), user, index, unsupported),
                (assistant, index) -> addAssistant(turn(turns, "assistant", index), assistant, index, thinking),
                (tool, index) -> addToolResult(turn(turns, "user", index), tool, index)));
        check(turns);
        ArrayNode out = Json.array();
        for (Turn turn : turns) {
            ArrayNode content = Json.array();
            content.addAll(turn.toolResults);
            content.addAll(turn.blocks);
            out.addObject().put("role", turn.role).set("content", content);
        }
        Integer trailing = turns.isEmpty() || !turns.getLast().role.equals("assistant") ? null : lastIndexOf(messages);
        return new Conversation(system, out, trailing);
    }

    /** The open turn when it has this role, else a new one. */
    private static Turn turn(List<Turn> turns, String role, int message) {
        if (!turns.isEmpty() && turns.getLast().role.equals(role)) {
            return turns.getLast();
        }
        Turn turn = new Turn(role, message);
        turns.add(turn);
        return turn;
    }

    private static void addUser(Turn turn, Message.User user, int index, UnsupportedParams unsupported) {
        for (int j = 0; j < user.content().size(); j++) {
            addPart(turn, user.content().get(j), "messages[" + index + "].content[" + j + "]", unsupported);
        }
    }

    private static void addPart(Turn turn, ContentPart part, String param, UnsupportedParams unsupported) {
        switch (part) {
            case ContentPart.Text text -> addText(turn, text.text());
            case ContentPart.Image image -> turn.blocks.add(image(image, param, unsupported));
        }
    }

    /** Anthropic refuses empty text blocks; an empty OpenAI text part says nothing, so it is left out. */
    private static void addText(Turn turn, String text) {
        if (text != null && !text.isBlank()) {
            ObjectNode block = Json.object().put("type", "text").put("text", text);
            turn.blocks.add(block);
        }
    }

    static ObjectNode image(ContentPart.Image image, String param, UnsupportedParams unsupported) {
        if (image.detail() != null && !image.detail().equals("auto")) {
            unsupported.reject(param + ".image_url.detail", "Anthropic has no image detail setting");
        }
        ObjectNode block = Json.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        Optional<DataUrl> inline = image.dataUrl();
        if (inline.isPresent()) {
            String mediaType = inline.get().mediaType().toLowerCase(Locale.ROOT);
            mediaType = mediaType.equals("image/jpg") ? "image/jpeg" : mediaType;
            if (!IMAGE_MEDIA_TYPES.contains(mediaType)) {
                throw UnsupportedParams.invalid(param, "Anthropic takes images of type image/jpeg, image/png, "
                        + "image/gif or image/webp, not " + inline.get().mediaType());
            }
            source.put("type", "base64").put("media_type", mediaType).put("data", inline.get().base64Data());
            return block;
        }
        String url = image.url().toLowerCase(Locale.ROOT);
        if (url.startsWith("https://") || url.startsWith("http://")) {
            // Anthropic fetches the image itself (the "url" image source).
            source.put("type", "url").put("url", image.url());
            return block;
        }
        throw UnsupportedParams.invalid(param, "an image must be an http(s) URL or a base64 data URL");
    }

    private static void addAssistant(Turn turn, Message.Assistant assistant, int index, boolean thinking) {
        if (thinking) {
            for (ReasoningSignature.Block block : ClaudeThinking.blocks(assistant, index)) {
                turn.blocks.add(switch (block) {
                    case ReasoningSignature.Thinking t -> Json.object().put("type", "thinking")
                            .put("thinking", t.text()).put("signature", t.signature());
                    case ReasoningSignature.Redacted r -> Json.object().put("type", "redacted_thinking")
                            .put("data", r.data());
                });
            }
        }
        addText(turn, assistant.content());
        addText(turn, assistant.refusal());
        ToolUses.each(assistant.toolCalls(), index, turn.toolIds, (call, input) -> {
            ObjectNode block = Json.object().put("type", "tool_use").put("id", call.id()).put("name", call.name());
            block.set("input", input);
            turn.blocks.add(block);
        });
    }

    private static void addToolResult(Turn turn, Message.Tool tool, int index) {
        if (turn.toolIds.putIfAbsent(tool.toolCallId(), index) != null) {
            throw UnsupportedParams.invalid("messages[" + index + "]",
                    "tool call '" + tool.toolCallId() + "' is answered twice");
        }
        ObjectNode block = Json.object().put("type", "tool_result").put("tool_use_id", tool.toolCallId());
        if (!tool.content().isEmpty()) {
            block.put("content", tool.content());
        }
        turn.toolResults.add(block);
    }

    /** Refuses what Anthropic would refuse, naming the OpenAI message at fault. */
    private static void check(List<Turn> turns) {
        if (turns.isEmpty()) {
            throw UnsupportedParams.invalid("messages", "Anthropic needs at least one user or assistant message");
        }
        for (int t = 0; t < turns.size(); t++) {
            Turn turn = turns.get(t);
            if (turn.blocks.isEmpty() && turn.toolResults.isEmpty()) {
                throw UnsupportedParams.invalid("messages[" + turn.firstMessage + "]",
                        "this " + turn.role + " message has no content Anthropic can take (empty text)");
            }
            Turn previous = t > 0 ? turns.get(t - 1) : null;
            Turn next = t + 1 < turns.size() ? turns.get(t + 1) : null;
            if (turn.role.equals("user")) {
                turn.toolIds.forEach((id, message) -> {
                    if (previous == null || !previous.toolIds.containsKey(id)) {
                        throw UnsupportedParams.invalid("messages[" + message + "]", "this tool message answers call '"
                                + id + "', which the assistant message right before it did not make");
                    }
                });
            } else if (next != null) {
                turn.toolIds.forEach((id, message) -> {
                    if (!next.toolIds.containsKey(id)) {
                        throw UnsupportedParams.invalid("messages[" + message + "]", "tool call '" + id
                                + "' has no tool message answering it before the conversation goes on");
                    }
                });
            }
        }
    }

    private static int lastIndexOf(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Message.Assistant) {
                return i;
            }
        }
        return messages.size() - 1;
    }
}
