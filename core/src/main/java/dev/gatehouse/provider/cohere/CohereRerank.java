package dev.gatehouse.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.RerankResponse;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A rerank request → the body of Cohere's {@code POST /v2/rerank} ({@code model}, {@code query},
 * {@code documents} as strings, {@code top_n}, {@code max_tokens_per_doc}), and its answer
 * ({@code id}, {@code results[].index} and {@code relevance_score}, most relevant first,
 * {@code meta.billed_units.search_units}) back (https://docs.cohere.com/reference/rerank).
 * Cohere's v2 rerank returns no document texts: when the caller asks for them, they are taken
 * from the request by index.
 */
final class CohereRerank {

    private CohereRerank() {}

    static ObjectNode toCohere(RerankRequest request) {
        ObjectNode body = Json.object().put("model", request.model()).put("query", request.query());
        ArrayNode documents = body.putArray("documents");
        request.documents().forEach(documents::add);
        if (request.topN() != null) {
            body.put("top_n", request.topN());
        }
        if (request.maxTokensPerDoc() != null) {
            body.put("max_tokens_per_doc", request.maxTokensPerDoc());
        }
        return body;
    }

    static RerankResponse toResponse(JsonNode body, RerankRequest request) {
        JsonNode results = body.get("results");
        if (results == null || !results.isArray()) {
            throw new GatewayException.UpstreamServerError("Cohere's rerank answer has no results", 0, Json.text(body));
        }
        List<RerankResponse.Result> out = new ArrayList<>(results.size());
        for (JsonNode result : results) {
            int index = result.path("index").asInt(-1);
            if (index < 0 || index >= request.documents().size() || !result.path("relevance_score").isNumber()) {
                throw new GatewayException.UpstreamServerError(
                        "Cohere's rerank answer has a result that points at no document", 0, Json.text(body));
            }
            out.add(new RerankResponse.Result(index, result.get("relevance_score").asDouble(),
                    request.returnDocuments() ? request.documents().get(index) : null));
        }
        JsonNode units = body.path("meta").path("billed_units").get("search_units");
        String id = Json.textOrNull(body, "id");
        return new RerankResponse(id == null ? "" : id, request.model(), out,
                units != null && units.isNumber() ? units.asInt() : null);
    }
}
