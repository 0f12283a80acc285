package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.http.SseReader;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The Responses API's stream events as they come, for the native path. Nothing is decoded but
 * each event's type, to know where the response ends: the Responses API sends no {@code [DONE]},
 * its last event is {@code response.completed}, {@code response.incomplete}, {@code response.failed}
 * or {@code error} (docs/agents.md). A body that ends before one of them is a broken stream.
 */
final class ResponsesEventStream implements EventStream<ServerSentEvent> {

    static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed",
            "error");

    private final UpstreamResponse response;
    private final SseReader reader;
    private final String upstream;
    private ServerSentEvent pending;
    private boolean finished;
    private boolean closed;

    ResponsesEventStream(UpstreamResponse response, String upstream) {
        this.response = response;
        this.reader = new SseReader(response.body(), response.limits());
        this.upstream = upstream;
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (finished || closed) {
            return false;
        }
        try {
            pending = reader.next();
        } catch (IOException e) {
            close();
            throw UpstreamResponse.readFailure(e, upstream + "'s Responses stream broke off");
        }
        if (pending == null) {
            close();
            throw new GatewayException.TransportFailure(upstream + "'s Responses stream ended before its last event",
                    null);
        }
        finished = TERMINAL.contains(type(pending));
        return true;
    }

    /** The event's name; the type inside its data where the upstream sent no {@code event:} line. */
    private String type(ServerSentEvent event) {
        if (event.name() != null && !event.name().isEmpty()) {
            return event.name();
        }
        JsonNode data = Json.parseUpstream(event.data(), upstream);
        return data.path("type").asText("");
    }

    @Override
    public ServerSentEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        ServerSentEvent event = pending;
        pending = null;
        return event;
    }

    @Override
    public boolean nextIsReady() {
        return pending != null || (!finished && !closed && reader.hasBufferedInput());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            response.close();
        }
    }
}
