package dev.gatehouse.server.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a stored response's input items, as OpenAI's {@code GET /v1/responses/{id}/input_items}
 * answers it: a list object ({@code object: "list"}, {@code data}, {@code first_id}, {@code last_id},
 * {@code has_more}); query {@code limit} 1–100 (default 20), {@code order} {@code asc} or
 * {@code desc} (default: newest first), {@code after} an item id to continue from
 * (https://platform.openai.com/docs/api-reference/responses/input-items).
 *
 * @param limit the most items on the page
 * @param asc   oldest first
 * @param after the id of the item the page starts after, if any
 */
record InputItemsPage(int limit, boolean asc, Optional<String> after) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** Reads the query; {@code query} gives a parameter's value if the request has it. Refuses what is wrong, by name. */
    static InputItemsPage read(Function<String, Optional<String>> query) {
        if (query.apply("include").isPresent()) {
            throw new GatewayException.BadRequest("include is not supported: Gatehouse lists input items as they"
                    + " were stored.", "include");
        }
        int limit = query.apply("limit").map(InputItemsPage::limit).orElse(DEFAULT_LIMIT);
        boolean asc = query.apply("order").map(InputItemsPage::ascending).orElse(false);
        Optional<String> after = query.apply("after");
        if (after.isPresent() && !ResponseStore.ID.matcher(after.get()).matches()) {
            throw new GatewayException.BadRequest("after must be the id of an input item of this response.", "after");
        }
        return new InputItemsPage(limit, asc, after);
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new GatewayException.BadRequest("limit must be an integer from 1 to " + MAX_LIMIT + ".", "limit");
    }

    private static boolean ascending(String text) {
        return switch (text) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw new GatewayException.BadRequest("order must be 'asc' or 'desc'.", "order");
        };
    }

    /** The page of {@code items} (oldest first, as stored) this query asks for. */
    ObjectNode of(ArrayNode items) {
        List<JsonNode> ordered = new ArrayList<>();
        items.forEach(ordered::add);
        if (!asc) {
            java.util.Collections.reverse(ordered);
        }
        int start = 0;
        if (after.isPresent()) {
            int at = indexOf(ordered, after.get());
            if (at < 0) {
                throw new GatewayException.BadRequest("after names no input item of this response.", "after");
            }
            start = at + 1;
        }
        int end = Math.min(ordered.size(), start + limit);
        ObjectNode page = Json.object().put("object", "list");
        ArrayNode data = page.putArray("data");
        ordered.subList(start, end).forEach(data::add);
        page.set("first_id", data.isEmpty() ? page.nullNode() : data.get(0).get("id"));
        page.set("last_id", data.isEmpty() ? page.nullNode() : data.get(data.size() - 1).get("id"));
        page.put("has_more", end < ordered.size());
        return page;
    }

    private static int indexOf(List<JsonNode> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(items.get(i).path("id").asText(null))) {
                return i;
            }
        }
        return -1;
    }
}
