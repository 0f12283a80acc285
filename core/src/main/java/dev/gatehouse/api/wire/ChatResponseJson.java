package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI {@code chat.completion} object, both ways. Writing always includes the keys the
 * official SDKs treat as required ({@code content}, {@code refusal}, {@code logprobs},
 * {@code finish_reason}), null when empty.
 */
public final class ChatResponseJson {

    private ChatResponseJson() {}

    /** Reads an upstream's response; a shape that can not be read is the upstream's failure. */
    public static ChatResponse read(JsonNode node, String provider) {
        JsonNode choices = node.get("choices");
        if (!node.isObject() || choices == null || !choices.isArray()) {
            throw new GatewayException.UpstreamServerError(provider + " returned a response without choices", 0,
                    Json.text(node));
        }
        List<ChatResponse.Choice> out = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            JsonNode choice = choices.get(i);
            out.add(new ChatResponse.Choice(choice.path("index").asInt(i), readMessage(choice.path("message")),
                    FinishReason.of(Json.textOrNull(choice, "finish_reason"))));
        }
        String id = Json.textOrNull(node, "id");
        String model = Json.textOrNull(node, "model");
        return new ChatResponse(id == null ? "" : id, node.path("created").asLong(0), model == null ? "" : model, out,
                UsageJson.read(node.get("usage")), Json.textOrNull(node, "system_fingerprint"));
    }

    static Message.Assistant readMessage(JsonNode message) {
        List<ToolCall> calls = new ArrayList<>();
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
            for (JsonNode call : toolCalls) {
                JsonNode function = call.path("function");
                String arguments = Json.textOrNull(function, "arguments");
                calls.add(new ToolCall(String.valueOf(Json.textOrNull(call, "id")),
                        String.valueOf(Json.textOrNull(function, "name")), arguments == null ? "{}" : arguments));
            }
        }
        return new Message.Assistant(Json.textOrNull(message, "content"), calls, Json.textOrNull(message, "refusal"),
                Json.textOrNull(message, "reasoning_content"), null, Json.textOrNull(message, "reasoning_signature"));
    }

    public static ObjectNode write(ChatResponse response) {
        ObjectNode node = Json.object()
                .put("id", response.id())
                .put("object", "chat.completion")
                .put("created", response.created())
                .put("model", response.model());
        ArrayNode choices = node.putArray("choices");
        for (ChatResponse.Choice choice : response.choices()) {
            ObjectNode c = choices.addObject().put("index", choice.index());
            ObjectNode message = c.putObject("message").put("role", "assistant");
            MessagesJson.writeAssistant(message, choice.message());
            // Gatehouse's extension: the opaque reasoning signature, for the caller to send back (docs/agents.md).
            MessagesJson.putIfNotNull(message, "reasoning_signature", choice.message().reasoningSignature());
            if (!message.has("refusal")) {
                message.putNull("refusal");
            }
            c.putNull("logprobs");
            if (choice.finishReason() == null) {
                c.putNull("finish_reason");
            } else {
                c.put("finish_reason", choice.finishReason().wireName());
            }
        }
        if (response.usage() != null) {
            node.set("usage", UsageJson.write(response.usage()));
        }
        if (response.systemFingerprint() != null) {
            node.put("system_fingerprint", response.systemFingerprint());
        }
        return node;
    }
}
