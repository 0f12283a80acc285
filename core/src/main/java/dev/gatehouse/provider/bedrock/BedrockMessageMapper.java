package dev.gatehouse.provider.bedrock;

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

/**
 * OpenAI chat messages → Converse's {@code system} and {@code messages}
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html,
 * API_runtime_Message.html, API_runtime_ContentBlock.html).
 *
 * <ul>
 *   <li>System and developer messages become {@code system} text blocks, in order.</li>
 *   <li>Converse wants user and assistant turns to alternate: consecutive messages of one role
 *       become one turn. Tool messages are {@code toolResult} blocks
 *       ({@code {"toolUseId","content":[{"text"}],"status":"success"}}) of a user turn.</li>
 *   <li>Images become {@code image} blocks with their bytes ({@code format} png, jpeg, gif or
 *       webp); Bedrock takes no image URLs, so the gateway inlines them first where allowed.</li>
 *   <li>Tool calls become {@code toolUse} blocks with their arguments as a JSON object.</li>
 *   <li>Blank text is left out (Converse refuses blank text blocks). With thinking on, an
 *       assistant message's reasoning goes back first in it, as the {@code reasoningContent}
 *       blocks ({@code reasoningText} with its signature, or {@code redactedContent}) it came as,
 *       when the message carries its reasoning signature; reasoning text without one is not sent
 *       back (Claude takes reasoning back only with the signature it was issued with).</li>
 * </ul>
 */
final class BedrockMessageMapper {

    /** Converse's image formats (API_runtime_ImageBlock.html), by media type. */
    private static final Map<String, String> IMAGE_FORMATS = Map.of(
            "image/png", "png", "image/jpeg", "jpeg", "image/jpg", "jpeg", "image/gif", "gif", "image/webp", "webp");

    record Conversation(ArrayNode system, ArrayNode messages, boolean usesTools) {}

    private record Turn(String role, int firstMessage, ArrayNode content, Map<String, Integer> toolIds) {}

    private BedrockMessageMapper() {}

    static Conversation toConverse(List<Message> messages, UnsupportedParams unsupported) {
        return toConverse(messages, unsupported, false);
    }

    /** The conversation; with {@code thinking}, assistant messages carry their signed reasoning back. */
    static Conversation toConverse(List<Message> messages, UnsupportedParams unsupported, boolean thinking) {
        ArrayNode system = Json.array();
        List<Turn> turns = new ArrayList<>();
        Conversations.walk(messages, unsupported, new Conversations.Turns(text -> system.addObject().put("text", text),
                (user, index) -> addUser(turn(turns, "user", index), user, index),
                (assistant, index) -> addAssistant(turn(turns, "assistant", index), assistant, index, thinking),
                (tool, index) -> addToolResult(turn(turns, "user", index), tool, index)));
        ArrayNode out = Json.array();
        for (Turn turn : turns) {
            if (turn.content().isEmpty()) {
                throw UnsupportedParams.invalid("messages[" + turn.firstMessage() + "]",
                        "this " + turn.role() + " message has no content Bedrock can take (empty text)");
            }
            out.addObject().put("role", turn.role()).set("content", turn.content());
        }
        if (turns.isEmpty()) {
            throw UnsupportedParams.invalid("messages", "Bedrock needs at least one user message");
        }
        if (!turns.getFirst().role().equals("user")) {
            throw UnsupportedParams.invalid("messages[" + turns.getFirst().firstMessage() + "]",
                    "Bedrock's conversation must begin with a user message");
        }
        return new Conversation(system, out, usesTools(messages));
    }

    /** Whether the conversation has tool calls or results (Converse then needs the tools declared). */
    private static boolean usesTools(List<Message> messages) {
        for (Message message : messages) {
            if (message instanceof Message.Tool
                    || message instanceof Message.Assistant assistant && !assistant.toolCalls().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static Turn turn(List<Turn> turns, String role, int message) {
        if (!turns.isEmpty() && turns.getLast().role().equals(role)) {
            return turns.getLast();
        }
        Turn turn = new Turn(role, message, Json.array(), new LinkedHashMap<>());
        turns.add(turn);
        return turn;
    }

    private static void addUser(Turn turn, Message.User user, int index) {
        for (int j = 0; j < user.content().size(); j++) {
            addPart(turn, user.content().get(j), "messages[" + index + "].content[" + j + "]");
        }
    }

    private static void addPart(Turn turn, ContentPart part, String param) {
        switch (part) {
            case ContentPart.Text text -> addText(turn, text.text());
            case ContentPart.Image image -> turn.content().add(image(image, param));
        }
    }

    private static void addText(Turn turn, String text) {
        if (text != null && !text.isBlank()) {
            turn.content().addObject().put("text", text);
        }
    }

    private static ObjectNode image(ContentPart.Image image, String param) {
        DataUrl inline = image.dataUrl().orElseThrow(() -> UnsupportedParams.invalid(param + ".image_url.url",
                "Bedrock takes images inline only: send a base64 data URL"));
        String format = IMAGE_FORMATS.get(inline.mediaType().toLowerCase(Locale.ROOT));
        if (format == null) {
            throw UnsupportedParams.invalid(param + ".image_url.url",
                    "Bedrock takes images of type image/png, image/jpeg, image/gif or image/webp, not " + inline.mediaType());
        }
        ObjectNode block = Json.object();
        block.putObject("image").put("format", format).putObject("source").put("bytes", inline.base64Data());
        return block;
    }

    private static void addAssistant(Turn turn, Message.Assistant assistant, int index, boolean thinking) {
        if (thinking) {
            for (ReasoningSignature.Block block : ClaudeThinking.blocks(assistant, index)) {
                ObjectNode reasoning = turn.content().addObject().putObject("reasoningContent");
                switch (block) {
                    case ReasoningSignature.Thinking t -> reasoning.putObject("reasoningText")
                            .put("text", t.text()).put("signature", t.signature());
                    case ReasoningSignature.Redacted r -> reasoning.put("redactedContent", r.data());
                }
            }
        }
        addText(turn, assistant.content());
        addText(turn, assistant.refusal());
        ToolUses.each(assistant.toolCalls(), index, turn.toolIds(), (call, input) -> {
            ObjectNode toolUse = turn.content().addObject().putObject("toolUse");
            toolUse.put("toolUseId", call.id()).put("name", call.name());
            toolUse.set("input", input);
        });
    }

    private static void addToolResult(Turn turn, Message.Tool tool, int index) {
        ObjectNode result = turn.content().addObject().putObject("toolResult");
        result.put("toolUseId", tool.toolCallId());
        ArrayNode content = result.putArray("content");
        // Converse refuses blank text blocks: an empty result is sent with no content block at all.
        if (!tool.content().isBlank()) {
            content.addObject().put("text", tool.content());
        }
        result.put("status", "success");
    }
}
