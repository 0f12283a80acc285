package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.wire.UsageJson;
import dev.gatehouse.json.Json;

/**
 * A chat answer written as OpenAI's legacy {@code text_completion} object
 * (platform.openai.com/docs/api-reference/completions/object): each choice's {@code text},
 * {@code index}, {@code logprobs} (always null: they are refused) and {@code finish_reason}, and the
 * usage. A stream's chunks are the same object with each chunk's new text. The id keeps the chat
 * answer's, named as a completion's ({@code cmpl-…} for {@code chatcmpl-…}).
 */
final class CompletionJson {

    private CompletionJson() {}

    static ObjectNode write(ChatResponse response) {
        ObjectNode node = head(response.id(), response.created(), response.model());
        ArrayNode choices = node.putArray("choices");
        for (ChatResponse.Choice choice : response.choices()) {
            String text = choice.message().content();
            choice(choices, choice.index(), text == null ? "" : text, choice.finishReason());
        }
        if (response.usage() != null) {
            node.set("usage", UsageJson.write(response.usage()));
        }
        if (response.systemFingerprint() != null) {
            node.put("system_fingerprint", response.systemFingerprint());
        }
        return node;
    }

    /** One streamed chunk: each choice's new text (empty when the chunk carries none), and the usage if it has it. */
    static ObjectNode write(ChatChunk chunk) {
        ObjectNode node = head(chunk.id(), chunk.created(), chunk.model());
        ArrayNode choices = node.putArray("choices");
        for (ChatChunk.Choice choice : chunk.choices()) {
            String text = choice.delta().content();
            choice(choices, choice.index(), text == null ? "" : text, choice.finishReason());
        }
        if (chunk.usage() != null) {
            node.set("usage", UsageJson.write(chunk.usage()));
        }
        return node;
    }

    /** Whether a chunk has anything for a completion: usage, or a choice's new text or its end. */
    static boolean carriesSomething(ChatChunk chunk) {
        return chunk.usage() != null || chunk.choices().stream().anyMatch(choice -> {
            String text = choice.delta().content();
            return text != null && !text.isEmpty() || choice.finishReason() != null;
        });
    }

    private static ObjectNode head(String id, long created, String model) {
        String completionId = id != null && id.startsWith("chatcmpl-") ? "cmpl-" + id.substring("chatcmpl-".length()) : id;
        return Json.object().put("id", completionId).put("object", "text_completion").put("created", created)
                .put("model", model);
    }

    private static void choice(ArrayNode choices, int index, String text, FinishReason finish) {
        ObjectNode choice = choices.addObject().put("text", text).put("index", index).putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish.wireName());
        }
    }
}
