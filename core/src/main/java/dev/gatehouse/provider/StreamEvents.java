package dev.gatehouse.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.json.Json;

/** What the stream decoders of upstreams that type their events (Anthropic, Cohere) read the same way. */
public final class StreamEvents {

    private StreamEvents() {}

    /** An event's type: its data's {@code type}, else the SSE event name, else empty. */
    public static String type(JsonNode data, ServerSentEvent event) {
        String type = Json.textOrNull(data, "type");
        if (type != null) {
            return type;
        }
        return event.name() == null ? "" : event.name();
    }
}
