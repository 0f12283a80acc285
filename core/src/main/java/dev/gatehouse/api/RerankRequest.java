package dev.gatehouse.api;

import java.util.List;
import java.util.Objects;

/**
 * A rerank request, in the terms of Cohere's rerank API (which LiteLLM's {@code /v1/rerank}
 * also takes): order {@code documents} by their relevance to {@code query}.
 *
 * @param model           the public model name (the upstream's, once routed)
 * @param query           the search query
 * @param documents       the texts to order
 * @param topN            how many results to return; null for all
 * @param returnDocuments whether each result carries its document's text
 * @param maxTokensPerDoc the length long documents are cut to; null for the provider's default
 */
public record RerankRequest(String model, String query, List<String> documents, Integer topN,
        boolean returnDocuments, Integer maxTokensPerDoc) {

    public RerankRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(query, "query");
        documents = List.copyOf(documents);
    }

    public RerankRequest withModel(String upstreamModel) {
        return new RerankRequest(upstreamModel, query, documents, topN, returnDocuments, maxTokensPerDoc);
    }
}
