package dev.gatehouse.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.provider.UnsupportedParams;
import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import dev.gatehouse.api.wire.EmbeddingResponseJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Embeddings on Cohere's v2 Embed API (https://docs.cohere.com/reference/embed): {@code POST
 * /v2/embed} with {@code {"model","texts","input_type","embedding_types":["float"],
 * "output_dimension","truncate"}} → {@code {"embeddings":{"float":[[…]]},"meta":{"billed_units":
 * {"input_tokens"}}}}, vectors in the order of {@code texts}, at most {@value #MAX_BATCH} texts per
 * call.
 *
 * <p>{@code input_type} is required by v3 and later models; OpenAI's request has no such field, so
 * it is {@code search_document} unless the deployment's {@code input_type} option says otherwise.
 * OpenAI's {@code dimensions} is Cohere's {@code output_dimension}, which only embed v4 models take
 * (256, 512, 1024 or 1536). {@code truncate} is {@code NONE}: an input longer than the model takes is
 * an error, as it is on OpenAI, never silently cut. Cohere embeds text only (token arrays are
 * refused) and has no end-user field ({@code user} is left out by the gateway, and named).
 */
final class CohereEmbeddings {

    /** "Maximum number of texts per call is 96" (https://docs.cohere.com/reference/embed). */
    static final int MAX_BATCH = 96;
    /** The deployment option that sets Cohere's {@code input_type}. */
    static final String INPUT_TYPE_OPTION = "input_type";
    static final String DEFAULT_INPUT_TYPE = "search_document";
    private static final Set<String> INPUT_TYPES = Set.of("search_document", "search_query", "classification",
            "clustering");
    private static final Set<Integer> V4_DIMENSIONS = Set.of(256, 512, 1024, 1536);

    private CohereEmbeddings() {}

    static ObjectNode toCohere(EmbeddingRequest request, Deployment deployment) {
        if (!(request.input() instanceof EmbeddingInput.Texts texts)) {
            throw UnsupportedParams.invalid("input", "Cohere embeds text only; 'input' holds token arrays.");
        }
        UnsupportedParams unsupported = new UnsupportedParams("Cohere", deployment.dropParams());
        // No end-user field: the gateway leaves user out, and names it (CohereProvider.takesEndUser).
        ObjectNode body = Json.object().put("model", request.model());
        ArrayNode array = body.putArray("texts");
        texts.texts().forEach(array::add);
        body.put("input_type", inputType(deployment));
        body.putArray("embedding_types").add("float");
        if (request.dimensions() != null) {
            if (!request.model().startsWith("embed-v4")) {
                unsupported.reject("dimensions", "Cohere's " + request.model() + " has a fixed number of dimensions "
                        + "(only embed v4 models take output_dimension)");
            } else if (!V4_DIMENSIONS.contains(request.dimensions())) {
                throw UnsupportedParams.invalid("dimensions", "Cohere's " + request.model()
                        + " takes dimensions 256, 512, 1024 or 1536, not " + request.dimensions() + ".");
            } else {
                body.put("output_dimension", request.dimensions());
            }
        }
        body.put("truncate", "NONE");
        return body;
    }

    /** The deployment's {@code input_type} option, or {@value #DEFAULT_INPUT_TYPE}. */
    static String inputType(Deployment deployment) {
        String value = deployment.options().get(INPUT_TYPE_OPTION);
        if (value == null) {
            return DEFAULT_INPUT_TYPE;
        }
        if (!INPUT_TYPES.contains(value)) {
            throw new GatewayException.BadRequest("The deployment of '" + deployment.model()
                    + "' has an invalid option input_type: '" + value
                    + "' (expected search_document, search_query, classification or clustering).", null);
        }
        return value;
    }

    static EmbeddingResponse toResponse(JsonNode answer, EmbeddingRequest request) {
        JsonNode vectors = answer.path("embeddings").get("float");
        if (vectors == null || !vectors.isArray()) {
            throw new GatewayException.UpstreamServerError("Cohere returned no float embeddings", 0, Json.text(answer));
        }
        List<EmbeddingResponse.Embedding> data = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            data.add(new EmbeddingResponse.Embedding(i, EmbeddingResponseJson.vector(vectors.get(i), "Cohere")));
        }
        JsonNode tokens = answer.path("meta").path("billed_units").get("input_tokens");
        return new EmbeddingResponse(request.model(), data,
                tokens != null && tokens.isNumber() ? Usage.of(tokens.asInt(), 0) : null);
    }
}
