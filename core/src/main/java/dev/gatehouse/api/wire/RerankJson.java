package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.RerankResponse;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The rerank front door's JSON, in Cohere's rerank format as LiteLLM's {@code /v1/rerank} takes
 * it (https://docs.cohere.com/reference/rerank): a request {@code {model, query, documents,
 * top_n, return_documents, max_tokens_per_doc}} whose documents are strings or
 * {@code {"text": …}} objects, and an answer {@code {id, results: [{index, relevance_score,
 * document?: {text}}], meta}}. Fields it does not know are refused, naming them.
 */
public final class RerankJson {

    private static final Set<String> FIELDS = Set.of("model", "query", "documents", "top_n", "return_documents",
            "max_tokens_per_doc");

    private RerankJson() {}

    public static RerankRequest read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new GatewayException.BadRequest("The request body must be a JSON object.", null);
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new GatewayException.BadRequest("Unrecognized request argument supplied: " + name
                        + ". A rerank request takes model, query, documents, top_n, return_documents and"
                        + " max_tokens_per_doc.", name);
            }
        }
        String model = text(json, "model");
        String query = text(json, "query");
        JsonNode docs = json.get("documents");
        if (docs == null || !docs.isArray() || docs.isEmpty()) {
            throw new GatewayException.BadRequest("'documents' must be a non-empty list of strings.", "documents");
        }
        List<String> documents = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            JsonNode doc = docs.get(i);
            if (doc.isTextual()) {
                documents.add(doc.asText());
            } else if (doc.isObject() && doc.path("text").isTextual()) {
                documents.add(doc.get("text").asText());
            } else {
                throw new GatewayException.BadRequest("documents[" + i + "] must be a string or an object with a"
                        + " text field.", "documents[" + i + "]");
            }
        }
        Integer topN = positive(json, "top_n");
        Integer maxTokens = positive(json, "max_tokens_per_doc");
        JsonNode returnDocuments = json.get("return_documents");
        if (returnDocuments != null && !returnDocuments.isBoolean()) {
            throw new GatewayException.BadRequest("'return_documents' must be true or false.", "return_documents");
        }
        return new RerankRequest(model, query, documents, topN,
                returnDocuments != null && returnDocuments.asBoolean(), maxTokens);
    }

    public static ObjectNode write(RerankResponse response) {
        ObjectNode out = Json.object().put("id", response.id()).put("model", response.model());
        ArrayNode results = out.putArray("results");
        for (RerankResponse.Result result : response.results()) {
            ObjectNode r = results.addObject().put("index", result.index()).put("relevance_score", result.relevanceScore());
            if (result.document() != null) {
                r.putObject("document").put("text", result.document());
            }
        }
        if (response.searchUnits() != null) {
            out.putObject("meta").putObject("billed_units").put("search_units", response.searchUnits());
        }
        return out;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new GatewayException.BadRequest("'" + field + "' is required and must be a non-empty string.", field);
        }
        return value.asText();
    }

    private static Integer positive(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw new GatewayException.BadRequest("'" + field + "' must be an integer of at least 1.", field);
        }
        return value.asInt();
    }
}
