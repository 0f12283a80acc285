package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.responses.ResponseIds;
import dev.gatehouse.api.responses.ResponsesStreamEncoder;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.Answer;
import dev.gatehouse.server.http.ModelCall;
import dev.gatehouse.server.http.ModelRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Responses API's streams in the response cache (only for requests that keep no state:
 * docs/cache.md, "The Responses API"). A stream that ended is kept as the Response its
 * {@code response.completed} event carries: the upstream's own, or the one a translated chat
 * stream was written as. A stored Response is replayed as the events of
 * https://platform.openai.com/docs/api-reference/responses-streaming, each with its
 * {@code sequence_number}: {@code response.created} and {@code response.in_progress} (the
 * Response in progress, without output), then per output item {@code response.output_item.added};
 * for a message, per content part {@code response.content_part.added}, one
 * {@code response.output_text.delta} (or {@code response.refusal.delta}) with its whole text, its
 * done event and {@code response.content_part.done}; for a function call one
 * {@code response.function_call_arguments.delta} and its done event; other items (reasoning,
 * built-in tools' calls) come whole in {@code response.output_item.done}; and last
 * {@code response.completed} with the whole Response. They are written as the upstream's own
 * stream is relayed ({@link NativeResponsesSse}). A text part with annotations is not replayed
 * (they would need events of their own): the request is answered afresh.
 */
final class ResponsesStreamCache implements ModelRoute.CachedStreams<ResponsesRouteRequest> {

    @Override
    public Optional<Answer> replay(ModelCall<ResponsesRouteRequest> call, ResponsesRouteRequest request,
            JsonNode stored) {
        Optional<List<ServerSentEvent>> events = new Events().of(stored);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Answer.stream(new Replayed<>(events.get()),
                new NativeResponsesSse(call.ticket(), call.genAi(), response -> { }, null)));
    }

    @Override
    public Optional<JsonNode> whole(ResponsesRouteRequest request, List<?> events) {
        if (request instanceof ResponsesRouteRequest.Translated translated) {
            ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(translated.request(), ResponseIds.response(),
                    System.currentTimeMillis() / 1000);
            for (Object event : events) {
                if (!(event instanceof ChatChunk chunk)) {
                    return Optional.empty();
                }
                encoder.onChunk(chunk);
            }
            encoder.finish();
            return Optional.of(encoder.finalResponse());
        }
        JsonNode completed = null;
        for (Object event : events) {
            if (!(event instanceof ServerSentEvent relayed)) {
                return Optional.empty();
            }
            String name = relayed.name() == null ? "" : relayed.name();
            if (name.isEmpty() || name.equals("response.completed")) {
                JsonNode data = Json.parseUpstream(relayed.data(), "the Responses API");
                if (data.path("type").asText().equals("response.completed")) {
                    completed = data.path("response");
                }
            }
        }
        return Optional.ofNullable(completed).filter(JsonNode::isObject);
    }

    /** One replay's events, numbered as they are made. */
    private static final class Events {
        /** Each event's data; its fields are filled in after it is numbered, and it is written once all are made. */
        private final List<ObjectNode> events = new ArrayList<>();

        Optional<List<ServerSentEvent>> of(JsonNode stored) {
            ObjectNode started = stored.deepCopy();
            started.put("status", "in_progress");
            started.putArray("output");
            started.putNull("usage");
            if (started.has("completed_at")) {
                started.putNull("completed_at");
            }
            add("response.created").set("response", started);
            add("response.in_progress").set("response", started);
            int index = 0;
            for (JsonNode item : stored.path("output")) {
                if (!item(item, index++)) {
                    return Optional.empty();
                }
            }
            add("response.completed").set("response", stored);
            return Optional.of(events.stream()
                    .map(data -> new ServerSentEvent(data.path("type").asText(), Json.text(data))).toList());
        }

        private boolean item(JsonNode item, int index) {
            String id = item.path("id").asText();
            String type = item.path("type").asText();
            ObjectNode opening = item.deepCopy();
            if (type.equals("message") || type.equals("function_call")) {
                opening.put("status", "in_progress");
                if (type.equals("message")) {
                    opening.putArray("content");
                } else {
                    opening.put("arguments", "");
                }
            }
            add("response.output_item.added").put("output_index", index).set("item", opening);
            if (type.equals("message")) {
                int part = 0;
                for (JsonNode content : item.path("content")) {
                    if (!part(content, id, index, part++)) {
                        return false;
                    }
                }
            } else if (type.equals("function_call")) {
                String arguments = item.path("arguments").asText("");
                add("response.function_call_arguments.delta").put("item_id", id).put("output_index", index)
                        .put("delta", arguments);
                add("response.function_call_arguments.done").put("item_id", id).put("output_index", index)
                        .put("arguments", arguments);
            }
            add("response.output_item.done").put("output_index", index).set("item", item);
            return true;
        }

        private boolean part(JsonNode content, String id, int index, int part) {
            String type = content.path("type").asText();
            String field = type.equals("refusal") ? "refusal" : "text";
            String kind = type.equals("refusal") ? "refusal" : "output_text";
            if (!type.equals("output_text") && !type.equals("refusal") || !content.path("annotations").isEmpty()) {
                return false;
            }
            ObjectNode empty = content.deepCopy();
            empty.put(field, "");
            add("response.content_part.added").put("item_id", id).put("output_index", index)
                    .put("content_index", part).set("part", empty);
            String text = content.path(field).asText("");
            ObjectNode delta = add("response." + kind + ".delta").put("item_id", id).put("output_index", index)
                    .put("content_index", part).put("delta", text);
            ObjectNode done = add("response." + kind + ".done").put("item_id", id).put("output_index", index)
                    .put("content_index", part).put(field, text);
            if (kind.equals("output_text")) {
                // The text events carry the part's logprobs (none unless asked for), as the API writes them.
                delta.set("logprobs", content.path("logprobs").isArray() ? content.get("logprobs") : Json.array());
                done.set("logprobs", content.path("logprobs").isArray() ? content.get("logprobs") : Json.array());
            }
            add("response.content_part.done").put("item_id", id).put("output_index", index)
                    .put("content_index", part).set("part", content);
            return true;
        }

        /** A new event of {@code type}, numbered in order. */
        private ObjectNode add(String type) {
            ObjectNode data = Json.object().put("type", type).put("sequence_number", events.size());
            events.add(data);
            return data;
        }
    }
}
