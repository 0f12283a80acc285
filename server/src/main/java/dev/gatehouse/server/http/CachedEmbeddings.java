package dev.gatehouse.server.http;

import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.Usage;
import dev.gatehouse.server.cache.EmbeddingBatch;
import dev.gatehouse.server.cache.EmbeddingCache;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * An embeddings request some of whose inputs the cache knows: only the others go upstream, and
 * the answer is put back together in the caller's order (docs/cache.md, "Embeddings"). Made by
 * {@link CacheLookup} for the embeddings route's call, which finds it on {@link ModelCall#cachedEmbeddings()}.
 */
public final class CachedEmbeddings {

    private final EmbeddingCache cache;
    private final EmbeddingBatch batch;
    private final Duration ttl;
    private final boolean store;

    CachedEmbeddings(EmbeddingCache cache, EmbeddingBatch batch, Duration ttl, boolean store) {
        this.cache = cache;
        this.batch = batch;
        this.ttl = ttl;
        this.store = store;
    }

    /**
     * The whole answer, and what the upstream used (what the spend row charges).
     *
     * @param publicModel the model the answer names
     * @param upstream    asks the upstream for the inputs the cache did not know
     */
    public Embedded embed(String publicModel, Function<EmbeddingRequest, EmbeddingResponse> upstream) {
        Optional<EmbeddingRequest> unknown = batch.unknownRequest();
        EmbeddingResponse fresh = unknown.map(upstream).orElse(null);
        EmbeddingResponse whole = batch.answer(publicModel, fresh);
        if (store && fresh != null) {
            cache.store(batch, fresh, ttl);
        }
        return new Embedded(whole, fresh == null ? null : fresh.usage());
    }

    /** The caller's answer, and the usage of the upstream call alone (null when none was made or it said none). */
    public record Embedded(EmbeddingResponse answer, Usage charged) {}
}
