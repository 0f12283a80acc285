package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.wire.ChatChunkJson;
import dev.gatehouse.api.wire.ChatResponseJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.Answer;
import dev.gatehouse.server.http.ModelCall;
import dev.gatehouse.server.http.ModelRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Legacy completions' streams in the response cache. The route streams chat chunks written as
 * {@code text_completion} chunks ({@link ChatSse#completions}), so a stream that ended is put
 * together as chat's is ({@link ChatStreamCache}) and kept as the {@code text_completion} object
 * the whole request answers with; a stored one is replayed as one chunk per choice with its whole
 * text and finish reason, then the usage chunk when the caller asked for it, then
 * {@code data: [DONE]} (platform.openai.com/docs/api-reference/completions/object). A choice with
 * anything else (logprobs) is not replayed: the request is answered afresh.
 */
final class CompletionsStreamCache implements ModelRoute.CachedStreams<ChatRequest> {

    private static final Set<String> CHOICE_FIELDS = Set.of("text", "index", "logprobs", "finish_reason");

    private final ChatStreamCache chat = new ChatStreamCache();

    @Override
    public Optional<Answer> replay(ModelCall<ChatRequest> call, ChatRequest request, JsonNode stored) {
        List<ChatChunk> chunks = new ArrayList<>();
        for (JsonNode choice : stored.path("choices")) {
            for (Map.Entry<String, JsonNode> field : choice.properties()) {
                if (!CHOICE_FIELDS.contains(field.getKey()) || field.getKey().equals("logprobs")
                        && !field.getValue().isNull()) {
                    return Optional.empty();
                }
            }
            ObjectNode chunk = head(stored);
            ObjectNode written = chunk.putArray("choices").addObject().put("index", choice.path("index").asInt());
            written.putObject("delta").put("role", "assistant").put("content", choice.path("text").asText(""));
            written.set("finish_reason", choice.path("finish_reason"));
            chunks.add(ChatChunkJson.read(chunk));
        }
        if (stored.hasNonNull("usage")) {
            ObjectNode chunk = head(stored);
            chunk.putArray("choices");
            chunk.set("usage", stored.get("usage"));
            chunks.add(ChatChunkJson.read(chunk));
        }
        return Optional.of(Answer.stream(new Replayed<>(chunks),
                ChatSse.completions(call.ticket(), call.genAi(), request.includeUsage())));
    }

    private static ObjectNode head(JsonNode stored) {
        return Json.object().put("id", stored.path("id").asText()).put("object", "chat.completion.chunk")
                .put("created", stored.path("created").asLong()).put("model", stored.path("model").asText());
    }

    @Override
    public Optional<JsonNode> whole(ChatRequest request, List<?> events) {
        return chat.whole(request, events)
                .map(answer -> CompletionJson.write(ChatResponseJson.read(answer, "the response cache")));
    }
}
