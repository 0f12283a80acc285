package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.StreamDecoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes a streamed completion ({@code data:} chunks of {@code text_completion} objects, each
 * choice with its piece of {@code text}, ended by {@code data: [DONE]}) into chat chunks: the first
 * piece of each choice carries the assistant role, as chat's first delta does. Usage comes in a last
 * chunk without choices (asked for with {@code stream_options.include_usage}) and is shown only to
 * callers who asked for it; an error object inside the stream fails it through {@link OpenAiErrors}.
 */
final class TextCompletionStreamDecoder implements StreamDecoder {

    private final CompatibleProfile profile;
    /** Usage, {@code [DONE]} and a stream cut short are kept as for chat: the chunks read here become chat chunks. */
    private final OpenAiStreamDecoder chat;
    private final Set<Integer> started = new HashSet<>();

    TextCompletionStreamDecoder(CompatibleProfile profile, boolean callerWantsUsage) {
        this.profile = profile;
        this.chat = new OpenAiStreamDecoder(profile, callerWantsUsage);
    }

    @Override
    public List<ChatChunk> onEvent(ServerSentEvent event) {
        if (event.data().equals("[DONE]")) {
            return chat.onEvent(event);
        }
        JsonNode node = Json.parseUpstream(event.data(), profile.displayName());
        JsonNode error = node.get("error");
        if (error != null && error.isObject()) {
            throw OpenAiErrors.fromStreamEvent(error, profile);
        }
        List<ChatChunk.Choice> choices = new ArrayList<>();
        for (JsonNode choice : node.path("choices")) {
            int index = choice.path("index").asInt(0);
            String text = choice.path("text").asText("");
            FinishReason reason = FinishReason.of(Json.textOrNull(choice, "finish_reason"));
            ChatChunk.Delta delta = started.add(index) ? new ChatChunk.Delta("assistant", text, null, List.of(), null)
                    : text.isEmpty() ? ChatChunk.Delta.EMPTY : ChatChunk.Delta.content(text);
            choices.add(new ChatChunk.Choice(index, delta, reason));
        }
        return chat.accept(new ChatChunk(node.path("id").asText(""), node.path("created").asLong(0),
                node.path("model").asText(""), choices, TextCompletionResponseMapper.usage(node.get("usage"))));
    }

    @Override
    public boolean finished() {
        return chat.finished();
    }

    @Override
    public List<ChatChunk> onEnd() {
        return chat.onEnd();
    }
}
