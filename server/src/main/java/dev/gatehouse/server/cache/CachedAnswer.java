package dev.gatehouse.server.cache;

import dev.gatehouse.api.Usage;
import java.time.Instant;
import java.util.Objects;

/**
 * An answer kept by the cache.
 *
 * @param route    the route that answered ({@code chat_completions}, {@code messages}, {@code responses},
 *                 {@code embeddings}…), so a hit is written in that route's format
 * @param body     the whole answer as the route writes it (JSON, never a stream's events); for
 *                 one embedding input (see {@link EmbeddingCache}) its vector. Not copied:
 *                 callers must not change it
 * @param storedAt when the answer was stored (a hit's age)
 * @param usage    the tokens the answer cost when it was made, or null when the upstream said none:
 *                 what a hit saved, never what it is charged (a hit costs nothing)
 */
public record CachedAnswer(String route, byte[] body, Instant storedAt, Usage usage) {

    public CachedAnswer {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(storedAt, "storedAt");
    }

    /** Never the body: an answer may hold personal data, and this ends up in logs. */
    @Override
    public String toString() {
        return "CachedAnswer[route=" + route + ", " + body.length + " bytes, storedAt=" + storedAt + ", usage=" + usage
                + "]";
    }

    /** Same route, time, usage and body bytes (a record would compare the array by identity). */
    @Override
    public boolean equals(Object other) {
        return other instanceof CachedAnswer that && route.equals(that.route) && storedAt.equals(that.storedAt)
                && Objects.equals(usage, that.usage) && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(route, storedAt, usage, java.util.Arrays.hashCode(body));
    }
}
