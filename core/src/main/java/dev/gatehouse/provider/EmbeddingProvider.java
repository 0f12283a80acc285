package dev.gatehouse.provider;

import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;

/**
 * A provider that embeds text ({@code POST /v1/embeddings}). The request already names the
 * upstream model; the answer holds one vector of floats per input, in input order, whatever
 * the caller's {@code encoding_format} (the front door encodes). Batches larger than the
 * upstream takes are split by the provider ({@link EmbeddingBatches}).
 */
public interface EmbeddingProvider extends Provider {

    EmbeddingResponse embed(EmbeddingRequest request, Upstream upstream);

    /**
     * Whether the upstream has a field for the caller's end-user id ({@code user}). Where it has
     * none the gateway leaves the id out and names it in {@code x-gatehouse-dropped} rather than
     * refusing it: it never changes a vector (docs/embeddings.md).
     */
    default boolean takesEndUser() {
        return true;
    }
}
