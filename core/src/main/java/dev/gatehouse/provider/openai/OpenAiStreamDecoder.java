package dev.gatehouse.provider.openai;

import dev.gatehouse.api.ServerSentEvent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import dev.gatehouse.api.wire.ChatChunkJson;
import dev.gatehouse.http.SseReader;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.StreamDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an OpenAI-format SSE stream. Chunks pass through as they are, with two corrections:
 * usage is shown only to callers who asked for it (Gatehouse always asks the upstream, to
 * account every stream), and always as OpenAI sends it, in a last chunk without choices, even
 * from upstreams that attach it to their last regular chunk (Mistral).
 */
final class OpenAiStreamDecoder implements StreamDecoder {

    private final CompatibleProfile profile;
    private final boolean callerWantsUsage;
    private boolean done;
    private boolean sawFinishReason;
    private boolean usageSent;
    private Usage usage;
    private ChatChunk last;

    OpenAiStreamDecoder(CompatibleProfile profile, boolean callerWantsUsage) {
        this.profile = profile;
        this.callerWantsUsage = callerWantsUsage;
    }

    /** The usage the upstream reported, whether or not the caller sees it. */
    Usage usage() {
        return usage;
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
        return accept(ChatChunkJson.read(node));
    }

    /**
     * One chunk read from the stream, usage in it or not: what the caller is sent of it. Shared with
     * {@link TextCompletionStreamDecoder}, whose chunks become chat chunks before they come here.
     */
    List<ChatChunk> accept(ChatChunk read) {
        ChatChunk chunk = read;
        last = chunk;
        if (chunk.choices().stream().anyMatch(c -> c.finishReason() != null)) {
            sawFinishReason = true;
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (chunk.choices().isEmpty()) {
            // OpenAI's usage chunk: shown only to callers who asked for usage.
            if (chunk.usage() != null && callerWantsUsage) {
                usageSent = true;
                return List.of(chunk);
            }
            return List.of();
        }
        if (chunk.usage() != null) {
            chunk = new ChatChunk(chunk.id(), chunk.created(), chunk.model(), chunk.choices(), null);
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
        // Some compatible servers close the body after the last chunk without [DONE]; that is
        // a complete answer only if the finish reason came.
        if (!sawFinishReason) {
            throw new GatewayException.TransportFailure(profile.displayName()
                    + " ended the stream before the answer was complete", null);
        }
        return closing();
    }

    private List<ChatChunk> closing() {
        List<ChatChunk> out = new ArrayList<>(1);
        if (callerWantsUsage && !usageSent && usage != null && last != null) {
            out.add(new ChatChunk(last.id(), last.created(), last.model(), List.of(), usage));
            usageSent = true;
        }
        return out;
    }
}
