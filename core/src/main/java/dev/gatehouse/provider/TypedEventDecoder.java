package dev.gatehouse.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.json.Json;
import java.util.List;

/**
 * A decoder of an upstream whose stream events are JSON objects that name their type (Anthropic,
 * Cohere) and whose stream says where it ends: nothing after the end is decoded.
 */
public abstract class TypedEventDecoder implements StreamDecoder {

    private final String upstream;
    private boolean finished;

    /** {@code upstream} names the upstream in the message of an event that is not JSON. */
    protected TypedEventDecoder(String upstream) {
        this.upstream = upstream;
    }

    /** Whether the upstream has said the stream is complete. */
    @Override
    public final boolean finished() {
        return finished;
    }

    /** The stream is complete: later events are skipped. */
    protected final void finish() {
        finished = true;
    }

    @Override
    public List<ChatChunk> onEvent(ServerSentEvent event) {
        if (finished) {
            return List.of();
        }
        JsonNode data = Json.parseUpstream(event.data(), upstream);
        String type = Json.textOrNull(data, "type");
        if (type == null) {
            type = event.name() == null ? "" : event.name();
        }
        return onEvent(type, data, event);
    }

    /** The chunks of one event of {@code type} (its data's {@code type}, else the SSE event name, else empty). */
    protected abstract List<ChatChunk> onEvent(String type, JsonNode data, ServerSentEvent event);
}
