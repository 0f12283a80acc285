package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.StreamTexts;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The answer text of OpenAI's own Responses stream, for the guardrails: each output item's
 * {@code response.output_text.delta}s are a channel (its {@code output_index}), ended by
 * {@code response.output_text.done}. Reasoning text and function-call arguments are not checked.
 * The stream repeats its text in full in {@code response.output_text.done},
 * {@code response.content_part.done}, {@code response.output_item.done} and the final Response
 * (https://platform.openai.com/docs/api-reference/responses-streaming): those copies get the
 * same restored placeholders the deltas got. An event made to carry held-back text repeats the
 * {@code sequence_number} of the delta it is made like; the encoder numbers it and every later
 * event one up ({@code NativeResponsesSse}).
 */
final class ResponsesTexts implements StreamTexts<ServerSentEvent> {

    static final ResponsesTexts INSTANCE = new ResponsesTexts();

    private static final String DELTA = "response.output_text.delta";
    private static final String DONE = "response.output_text.done";
    private static final Set<String> REPEATING = Set.of(DONE, "response.content_part.done",
            "response.output_item.done", "response.completed", "response.incomplete");
    private static final String UPSTREAM = "the Responses API";
    private static final Set<String> ENDS_ALL = Set.of("response.completed", "response.incomplete",
            "response.failed", "error");

    private ResponsesTexts() {}

    @Override
    public Map<Integer, String> texts(ServerSentEvent event) {
        JsonNode data = parsedIf(event, DELTA);
        if (data == null || !data.path("delta").isTextual()) {
            return Map.of();
        }
        return Map.of(data.path("output_index").asInt(), data.get("delta").asText());
    }

    @Override
    public ServerSentEvent withTexts(ServerSentEvent event, Map<Integer, String> texts) {
        ObjectNode data = (ObjectNode) Json.parseUpstream(event.data(), UPSTREAM);
        String text = texts.get(data.path("output_index").asInt());
        if (text == null) {
            return event;
        }
        data.put("delta", text);
        return new ServerSentEvent(event.name(), Json.text(data));
    }

    @Override
    public Set<Integer> ends(ServerSentEvent event) {
        JsonNode data = parsedIf(event, DONE);
        return data == null ? Set.of() : Set.of(data.path("output_index").asInt());
    }

    /** A final Response or an error ends every output item's text. */
    @Override
    public boolean endsAll(ServerSentEvent event) {
        String name = name(event);
        if (name != null) {
            return ENDS_ALL.contains(name);
        }
        return ENDS_ALL.contains(Json.parseUpstream(event.data(), UPSTREAM).path("type").asText());
    }

    @Override
    public ServerSentEvent more(ServerSentEvent like, int channel, String text) {
        return withTexts(like, Map.of(channel, text));
    }

    @Override
    public ServerSentEvent repeated(ServerSentEvent event, UnaryOperator<String> restore) {
        String name = name(event);
        if (name != null && !REPEATING.contains(name)) {
            return event;
        }
        JsonNode data = Json.parseUpstream(event.data(), UPSTREAM);
        if (!REPEATING.contains(data.path("type").asText())) {
            return event;
        }
        if (data.path("type").asText().equals(DONE) && data instanceof ObjectNode done && done.path("text").isTextual()) {
            done.put("text", restore.apply(done.get("text").asText()));
        }
        restoreParts(data, restore);
        return new ServerSentEvent(event.name(), Json.text(data));
    }

    /** Every {@code output_text} part under {@code node}, its text restored. */
    private static void restoreParts(JsonNode node, UnaryOperator<String> restore) {
        if (node instanceof ObjectNode object && "output_text".equals(object.path("type").asText())
                && object.path("text").isTextual()) {
            object.put("text", restore.apply(object.get("text").asText()));
        }
        node.forEach(child -> restoreParts(child, restore));
    }

    /** The event's data when it is of {@code type}, or null; an event without an event line is known by its data. */
    private static JsonNode parsedIf(ServerSentEvent event, String type) {
        String name = name(event);
        if (name != null && !name.equals(type)) {
            return null;
        }
        JsonNode data = Json.parseUpstream(event.data(), UPSTREAM);
        return data.path("type").asText().equals(type) ? data : null;
    }

    private static String name(ServerSentEvent event) {
        return event.name() == null || event.name().isEmpty() ? null : event.name();
    }
}
