package dev.gatehouse.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The data of a stream whose events are named by their type (Anthropic's Messages, OpenAI's
 * Responses): each event's JSON, in order, checked that its {@code event:} line and its
 * {@code type} agree, as both APIs write them.
 */
public final class NamedEvents {

    private NamedEvents() {}

    public static List<JsonNode> of(String body) {
        List<JsonNode> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    JsonNode data = Json.parseUpstream(line.substring(6), "test");
                    assertEquals(name, data.path("type").asText(), block);
                    events.add(data);
                }
            }
        }
        return events;
    }
}
