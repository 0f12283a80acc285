package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.responses.EncryptedReasoning;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation as input for an upstream that speaks the Responses API. Gatehouse gives every
 * stored input item an id; the Responses API takes ids on the items a response produced
 * (assistant messages, function calls, reasoning) and not on a caller's own messages or function
 * results, so those lose the id Gatehouse gave them. Reasoning items whose {@code encrypted_content}
 * is Gatehouse's own (a translated model's signed reasoning, docs/agents.md) mean nothing to
 * OpenAI, which would refuse them: they are left out.
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

    /**
     * Removes from {@code items} the reasoning items only a translated model can read, and says
     * which were there: their indexes, in the order they stood.
     */
    static List<Integer> removeGatehouseReasoning(ArrayNode items) {
        List<Integer> removed = new ArrayList<>();
        for (int i = items.size() - 1; i >= 0; i--) {
            if (isGatehouseReasoning(items.get(i))) {
                items.remove(i);
                removed.add(0, i);
            }
        }
        return removed;
    }

    /** Whether {@link #removeGatehouseReasoning} would take anything out of {@code items}. */
    static boolean hasGatehouseReasoning(ArrayNode items) {
        for (JsonNode item : items) {
            if (isGatehouseReasoning(item)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGatehouseReasoning(JsonNode item) {
        return "reasoning".equals(item.path("type").asText())
                && EncryptedReasoning.isOwn(item.path("encrypted_content").asText(null));
    }

    private static boolean isCallers(ObjectNode item) {
        String type = item.path("type").asText("message");
        return type.equals("function_call_output")
                || (type.equals("message") && !item.path("role").asText().equals("assistant"));
    }
}
