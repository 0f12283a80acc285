package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.Usage;
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
    private final boolean callerWantsUsage;
    private final Set<Integer> started = new HashSet<>();
    private boolean done;
    private boolean sawFinishReason;
    private boolean usageSent;
    private Usage usage;
    private ChatChunk last;

    TextCompletionStreamDecoder(CompatibleProfile profile, boolean callerWantsUsage) {
        this.profile = profile;
        this.callerWantsUsage = callerWantsUsage;
    }

    @Override
    public List<ChatChunk> onEvent(ServerSentEvent event) {
        if (event.data().equals("[DONE]")) {
            done = true;
            return closing();
        }
        JsonNode node = Json.parseUpstream(event.data(), profile.displayName());
        JsonNode error = node.get("error");
        if (error != null && error.isObject()) {
            throw OpenAiErrors.fromStreamEvent(error, profile);
        }
        Usage reported = TextCompletionResponseMapper.usage(node.get("usage"));
        if (reported != null) {
            usage = reported;
        }
        List<ChatChunk.Choice> choices = new ArrayList<>();
        for (JsonNode choice : node.path("choices")) {
            int index = choice.path("index").asInt(0);
            String text = choice.path("text").asText("");
            FinishReason reason = FinishReason.of(Json.textOrNull(choice, "finish_reason"));
            sawFinishReason |= reason != null;
            ChatChunk.Delta delta = started.add(index) ? new ChatChunk.Delta("assistant", text, null, List.of(), null)
                    : text.isEmpty() ? ChatChunk.Delta.EMPTY : ChatChunk.Delta.content(text);
            choices.add(new ChatChunk.Choice(index, delta, reason));
        }
        ChatChunk chunk = new ChatChunk(node.path("id").asText(""), node.path("created").asLong(0),
                node.path("model").asText(""), choices, null);
        last = chunk;
        if (choices.isEmpty()) {
            // The usage chunk: shown only to callers who asked for usage.
            if (reported != null && callerWantsUsage) {
                usageSent = true;
                return List.of(new ChatChunk(chunk.id(), chunk.created(), chunk.model(), List.of(), reported));
            }
            return List.of();
        }
        return List.of(chunk);
    }

    @Override
    public boolean finished() {
        return done;
    }

    @Override
    public List<ChatChunk> onEnd() {
        if (done) {
            return List.of();
        }
        // A server that closes the body after the last chunk without [DONE] has answered in full
        // only if the finish reason came.
        if (!sawFinishReason) {
            throw new GatewayException.TransportFailure(profile.displayName()
                    + " ended the stream before the completion was complete", null);
        }
        return closing();
    }

    private List<ChatChunk> closing() {
        if (callerWantsUsage && !usageSent && usage != null && last != null) {
            usageSent = true;
            return List.of(new ChatChunk(last.id(), last.created(), last.model(), List.of(), usage));
        }
        return List.of();
    }
}
