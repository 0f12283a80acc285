package dev.gatehouse.server.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.responses.ResponseIds;
import java.time.Instant;
import java.util.List;

/**
 * A stored answer as it is served to the request that hit it. Most answers go out as they were
 * kept. A Response (the Responses API) is an object of its own: a hit is a new response, with a
 * fresh id and creation time, so two callers never hold the same id, and it echoes this request's
 * labels ({@code metadata}, {@code user}, …), which are not in the key (docs/cache.md, "The
 * Responses API").
 */
public final class ServedAnswer {

    /** The top-level fields a Response echoes from its request that the key leaves out ({@link CanonicalJson}). */
    private static final List<String> ECHOED = List.of("metadata", "user", "safety_identifier", "prompt_cache_key");

    private ServedAnswer() {}

    /** {@code stored}, kept on {@code route}, as it answers {@code request} at {@code now}. */
    public static JsonNode of(String route, JsonNode stored, JsonNode request, Instant now) {
        if (!route.equals("responses") || !(stored instanceof ObjectNode kept)) {
            return stored;
        }
        ObjectNode response = kept.deepCopy();
        response.put("id", ResponseIds.response());
        response.put("created_at", now.getEpochSecond());
        for (String field : ECHOED) {
            JsonNode asked = request.get(field);
            if (asked != null && !asked.isNull()) {
                response.set(field, asked);
            } else if (response.has(field)) {
                // The Response object says "no labels" as an empty map, the others as null.
                response.set(field, field.equals("metadata") ? response.objectNode() : response.nullNode());
            }
        }
        return response;
    }
}
