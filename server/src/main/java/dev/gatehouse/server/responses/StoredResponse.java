package dev.gatehouse.server.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One response Gatehouse answered and keeps.
 *
 * @param id         the Response object's id ({@code resp_…})
 * @param owner      who may read it: the key's team id when it has one, else the key's id
 *                   ({@link ResponseOwner})
 * @param model      the public model name the caller asked for
 * @param createdAt  when it was answered
 * @param inputItems the whole conversation it answered, the earlier responses' items included, so the next
 *                   turn's history is these items followed by the response's output ({@link #history()})
 * @param response   the Response object as the caller received it
 */
public record StoredResponse(String id, String owner, String model, Instant createdAt, ArrayNode inputItems,
        ObjectNode response) {

    public StoredResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(inputItems, "inputItems");
        Objects.requireNonNull(response, "response");
    }

    /** The conversation a next turn continues ({@code previous_response_id}): the input items, then the output items. */
    public ArrayNode history() {
        ArrayNode items = inputItems.deepCopy();
        JsonNode output = response.get("output");
        if (output != null && output.isArray()) {
            output.forEach(item -> items.add(item.deepCopy()));
        }
        return items;
    }
}
