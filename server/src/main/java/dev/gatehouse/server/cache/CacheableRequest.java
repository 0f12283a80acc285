package dev.gatehouse.server.cache;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a request may be answered from the response cache, and its answer kept, at all: the
 * counterpart of {@link NormalEnd} for the request side. Every request on a cached route may,
 * except on the Responses API, which keeps state: there only a request that neither reads nor
 * leaves state is the cache's (docs/cache.md, "The Responses API").
 */
public final class CacheableRequest {

    private CacheableRequest() {}

    /** True when {@code body}, a valid request on {@code route}, may be answered from the cache. */
    public static boolean of(String route, JsonNode body) {
        return !route.equals("responses") || stateless(body);
    }

    /**
     * A Responses request that says {@code store: false} (the default keeps the response, whose id
     * later requests name: a hit would hand out an id that names nothing, or another caller's),
     * continues nothing ({@code previous_response_id}, {@code conversation}: its meaning depends on
     * what was stored) and does not run in the background (it is fetched later by its id).
     */
    private static boolean stateless(JsonNode body) {
        return body.path("store").isBoolean() && !body.path("store").booleanValue()
                && absent(body.get("previous_response_id")) && absent(body.get("conversation"))
                && !body.path("background").asBoolean(false);
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull();
    }
}
