package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;

/** An OpenAI {@code chat.completion.chunk} object, both ways. */
public final class ChatChunkJson {

    private ChatChunkJson() {}

    /** Reads one chunk of an OpenAI-format stream. */
    public static ChatChunk read(JsonNode node) {
        List<ChatChunk.Choice> choices = new ArrayList<>();
        JsonNode array = node.get("choices");
        if (array != null && array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode choice = array.get(i);
                choices.add(new ChatChunk.Choice(choice.path("index").asInt(i), readDelta(choice.path("delta")),
                        FinishReason.of(Json.textOrNull(choice, "finish_reason"))));
            }
        }
        String id = Json.textOrNull(node, "id");
        String model = Json.textOrNull(node, "model");
        return new ChatChunk(id == null ? "" : id, node.path("created").asLong(0), model == null ? "" : model, choices,
                UsageJson.read(node.get("usage")));
    }

    private static ChatChunk.Delta readDelta(JsonNode delta) {
        List<ChatChunk.ToolCallDelta> calls = new ArrayList<>();
        JsonNode toolCalls = delta.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
            for (int i = 0; i < toolCalls.size(); i++) {
                JsonNode call = toolCalls.get(i);
                JsonNode function = call.path("function");
                calls.add(new ChatChunk.ToolCallDelta(call.path("index").asInt(i), Json.textOrNull(call, "id"),
                        Json.textOrNull(function, "name"), Json.textOrNull(function, "arguments")));
            }
        }
        return new ChatChunk.Delta(Json.textOrNull(delta, "role"), Json.textOrNull(delta, "content"),
                Json.textOrNull(delta, "reasoning_content"), calls, Json.textOrNull(delta, "refusal"),
                Json.textOrNull(delta, "reasoning_signature"));
    }

    public static ObjectNode write(ChatChunk chunk) {
        ObjectNode node = Json.object()
                .put("id", chunk.id())
                .put("object", "chat.completion.chunk")
                .put("created", chunk.created())
                .put("model", chunk.model());
        ArrayNode choices = node.putArray("choices");
        for (ChatChunk.Choice choice : chunk.choices()) {
            ObjectNode c = choices.addObject().put("index", choice.index());
            writeDelta(c.putObject("delta"), choice.delta());
            c.putNull("logprobs");
            if (choice.finishReason() == null) {
                c.putNull("finish_reason");
            } else {
                c.put("finish_reason", choice.finishReason().wireName());
            }
        }
        if (chunk.usage() != null) {
            node.set("usage", UsageJson.write(chunk.usage()));
        }
        return node;
    }

    private static void writeDelta(ObjectNode node, ChatChunk.Delta delta) {
        MessagesJson.putIfNotNull(node, "role", delta.role());
        MessagesJson.putIfNotNull(node, "content", delta.content());
        MessagesJson.putIfNotNull(node, "reasoning_content", delta.reasoningContent());
        MessagesJson.putIfNotNull(node, "refusal", delta.refusal());
        // Gatehouse's extension: a piece of the reasoning signature; the pieces joined are the message's (docs/agents.md).
        MessagesJson.putIfNotNull(node, "reasoning_signature", delta.reasoningSignature());
        if (!delta.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ChatChunk.ToolCallDelta call : delta.toolCalls()) {
                ObjectNode c = calls.addObject().put("index", call.index());
                if (call.id() != null) {
                    c.put("id", call.id()).put("type", "function");
                }
                if (call.name() != null || call.arguments() != null) {
                    ObjectNode function = c.putObject("function");
                    MessagesJson.putIfNotNull(function, "name", call.name());
                    MessagesJson.putIfNotNull(function, "arguments", call.arguments());
                }
            }
        }
    }
}
