package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.wire.ChatChunkJson;
import dev.gatehouse.api.wire.UsageJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.Answer;
import dev.gatehouse.server.http.ModelCall;
import dev.gatehouse.server.http.ModelRoute;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chat Completions' streams in the response cache: a stored whole answer replayed as chunks (one
 * per choice with its whole text, then the usage chunk), and a stream that ended put back together
 * as the whole answer, in OpenAI's formats for {@code chat.completion.chunk} and
 * {@code chat.completion}. Only what both forms carry is replayed: an answer with anything else in
 * its message (audio, annotations…) is not replayed, and is answered afresh.
 */
final class ChatStreamCache implements ModelRoute.CachedStreams<ChatRequest> {

    /** What a message may hold to be replayed as chunks without losing anything. */
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content", "tool_calls", "refusal",
            "reasoning_content");

    @Override
    public Optional<Answer> replay(ModelCall<ChatRequest> call, ChatRequest request, JsonNode stored) {
        Optional<List<ChatChunk>> chunks = chunks(stored);
        if (chunks.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Answer.stream(new Replayed<>(chunks.get()),
                ChatSse.chat(call.ticket(), call.genAi(), request.includeUsage())));
    }

    /** The chunks that stream {@code answer}, or empty when it holds something they would lose. */
    static Optional<List<ChatChunk>> chunks(JsonNode answer) {
        List<ChatChunk> chunks = new ArrayList<>();
        for (JsonNode choice : answer.path("choices")) {
            JsonNode message = choice.path("message");
            for (Iterator<String> names = message.fieldNames(); names.hasNext(); ) {
                if (!MESSAGE_FIELDS.contains(names.next())) {
                    return Optional.empty();
                }
            }
            ObjectNode delta = message.deepCopy();
            delta.put("role", "assistant");
            ArrayNode calls = delta.withArray("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                ((ObjectNode) calls.get(i)).put("index", i);
            }
            if (calls.isEmpty()) {
                delta.remove("tool_calls");
            }
            ObjectNode chunk = head(answer);
            chunk.putArray("choices").addObject().put("index", choice.path("index").asInt())
                    .<ObjectNode>set("delta", delta).set("finish_reason", choice.path("finish_reason"));
            chunks.add(ChatChunkJson.read(chunk));
        }
        if (answer.hasNonNull("usage")) {
            ObjectNode chunk = head(answer);
            chunk.putArray("choices");
            chunk.set("usage", answer.get("usage"));
            chunks.add(ChatChunkJson.read(chunk));
        }
        return Optional.of(chunks);
    }

    private static ObjectNode head(JsonNode answer) {
        return Json.object().put("id", answer.path("id").asText()).put("object", "chat.completion.chunk")
                .put("created", answer.path("created").asLong()).put("model", answer.path("model").asText());
    }

    @Override
    public Optional<JsonNode> whole(ChatRequest request, List<?> events) {
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, Choice> choices = new TreeMap<>();
        ChatChunk first = null;
        dev.gatehouse.api.Usage usage = null;
        for (Object event : events) {
            if (!(event instanceof ChatChunk chunk)) {
                return Optional.empty();
            }
            first = first == null ? chunk : first;
            usage = chunk.usage() != null ? chunk.usage() : usage;
            for (ChatChunk.Choice choice : chunk.choices()) {
                choices.computeIfAbsent(choice.index(), i -> new Choice()).add(choice);
            }
        }
        ObjectNode answer = Json.object().put("id", first.id()).put("object", "chat.completion")
                .put("created", first.created()).put("model", first.model());
        ArrayNode array = answer.putArray("choices");
        choices.forEach((index, choice) -> array.add(choice.write(index)));
        if (usage != null) {
            answer.set("usage", UsageJson.write(usage));
        }
        return Optional.of(answer);
    }

    /** One choice as its deltas add up. */
    private static final class Choice {
        private final StringBuilder content = new StringBuilder();
        private final StringBuilder reasoning = new StringBuilder();
        private final StringBuilder refusal = new StringBuilder();
        private final Map<Integer, ObjectNode> calls = new TreeMap<>();
        private String finish;
        private boolean hasContent;

        void add(ChatChunk.Choice choice) {
            ChatChunk.Delta delta = choice.delta();
            if (delta.content() != null) {
                content.append(delta.content());
                hasContent = true;
            }
            if (delta.reasoningContent() != null) {
                reasoning.append(delta.reasoningContent());
            }
            if (delta.refusal() != null) {
                refusal.append(delta.refusal());
            }
            for (ChatChunk.ToolCallDelta call : delta.toolCalls()) {
                ObjectNode node = calls.computeIfAbsent(call.index(), i -> {
                    ObjectNode fresh = Json.object().put("type", "function");
                    fresh.putObject("function").put("name", "").put("arguments", "");
                    return fresh;
                });
                if (call.id() != null) {
                    node.put("id", call.id());
                }
                ObjectNode function = (ObjectNode) node.get("function");
                if (call.name() != null) {
                    function.put("name", function.get("name").asText() + call.name());
                }
                if (call.arguments() != null) {
                    function.put("arguments", function.get("arguments").asText() + call.arguments());
                }
            }
            if (choice.finishReason() != null) {
                finish = choice.finishReason().wireName();
            }
        }

        ObjectNode write(int index) {
            ObjectNode choice = Json.object().put("index", index);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            if (hasContent || calls.isEmpty()) {
                message.put("content", content.toString());
            } else {
                message.putNull("content");
            }
            if (!reasoning.isEmpty()) {
                message.put("reasoning_content", reasoning.toString());
            }
            if (!refusal.isEmpty()) {
                message.put("refusal", refusal.toString());
            }
            if (!calls.isEmpty()) {
                ArrayNode array = message.putArray("tool_calls");
                calls.values().forEach(array::add);
            }
            if (finish == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finish);
            }
            return choice;
        }
    }
}
