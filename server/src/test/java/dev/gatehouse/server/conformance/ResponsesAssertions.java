package dev.gatehouse.server.conformance;

import static dev.gatehouse.server.conformance.ResponsesGateway.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What OpenAI's Responses API reference says of a Response object and a stream, as assertions. */
final class ResponsesAssertions {

    private ResponsesAssertions() {}

    /** The documented Response object: its id, object, status and the public model's name. */
    static void assertResponseObject(JsonNode response, String status) {
        assertTrue(response.path("id").asText().startsWith("resp_"), response.toString());
        assertEquals("response", response.path("object").asText(), response.toString());
        assertEquals(status, response.path("status").asText(), response.toString());
        assertEquals(MODEL, response.path("model").asText(), "the public model: " + response);
        assertTrue(response.path("created_at").canConvertToLong(), response.toString());
    }

    static void assertUsage(JsonNode usage, int input, int output) {
        assertEquals(input, usage.path("input_tokens").asInt(), usage.toString());
        assertEquals(output, usage.path("output_tokens").asInt(), usage.toString());
        assertEquals(input + output, usage.path("total_tokens").asInt(), usage.toString());
    }

    /** The text of every output_text part of every message item, as the SDKs' {@code output_text} joins it. */
    static String outputText(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : response.path("output")) {
            if (item.path("type").asText().equals("message")) {
                for (JsonNode part : item.path("content")) {
                    if (part.path("type").asText().equals("output_text")) {
                        text.append(part.path("text").asText());
                    }
                }
            }
        }
        return text.toString();
    }

    /** Sequence numbers start at 0 and go up by one, event after event. */
    static void assertSequenceNumbers(List<JsonNode> events) {
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).path("sequence_number").asInt(-1), "sequence_number of event " + i
                    + ": " + events.get(i));
        }
    }

    /** The event types in order, a run of deltas of one kind counted once (how many depends on the upstream). */
    static List<String> kinds(List<JsonNode> events) {
        List<String> kinds = new ArrayList<>();
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            if (!(type.endsWith(".delta") && !kinds.isEmpty() && kinds.getLast().equals(type))) {
                kinds.add(type);
            }
        }
        return kinds;
    }
}
