package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored conversation as input for an upstream that speaks the Responses API. Gatehouse gives
 * every stored input item an id; the Responses API takes ids on the items a response produced
 * (assistant messages, function calls, reasoning) and not on a caller's own messages or function
 * results, so those lose the id Gatehouse gave them.
 */
final class AsWrittenHistory {

    private AsWrittenHistory() {}

    static ArrayNode forUpstream(ArrayNode stored) {
        ArrayNode items = stored.deepCopy();
        for (JsonNode item : items) {
            if (item instanceof ObjectNode object && isCallers(object)) {
                object.remove("id");
            }
        }
        return items;
    }

    private static boolean isCallers(ObjectNode item) {
        String type = item.path("type").asText("message");
        return type.equals("function_call_output")
                || (type.equals("message") && !item.path("role").asText().equals("assistant"));
    }
}
