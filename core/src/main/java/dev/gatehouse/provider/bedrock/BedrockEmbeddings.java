package dev.gatehouse.provider.bedrock;

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
 * Embeddings on Bedrock through InvokeModel ({@code POST /model/{modelId}/invoke}), whose body is
 * the model's own; the body is chosen by the model id:
 *
 * <ul>
 *   <li>{@code amazon.titan-embed-text-v2…}: Amazon Titan Text Embeddings V2
 *       (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html):
 *       {@code {"inputText","dimensions","normalize"}} → {@code {"embedding":[…],"inputTextTokenCount"}},
 *       one text per call; {@code dimensions} is 256, 512 or 1024.</li>
 *   <li>{@code cohere.embed-english-v3…} and {@code cohere.embed-multilingual-v3…}: Cohere Embed v3
 *       (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v3.html):
 *       {@code {"texts","input_type","embedding_types":["float"],"truncate":"NONE"}} → {@code
 *       {"embeddings":{"float":[[…]]}}} (or, when no embedding types are asked for, {@code
 *       {"embeddings":[[…]]}}), at most {@value #COHERE_MAX_BATCH} texts per call. {@code input_type}
 *       comes from the deployment's {@code input_type} option ({@code search_document} by default);
 *       these models have fixed dimensions. Their body counts no tokens: usage is read from the
 *       {@code x-amzn-bedrock-input-token-count} header Bedrock sends with InvokeModel answers, and
 *       is unknown without it.</li>
 * </ul>
 *
 * Any other model id is refused, naming the model. Both embed text only (token arrays are refused)
 * and have no end-user field ({@code user} is left out by the gateway, and named).
 */
final class BedrockEmbeddings {

    /** Cohere Embed v3 on Bedrock: "Texts per call: Maximum 96 texts". */
    static final int COHERE_MAX_BATCH = 96;
    static final String INPUT_TYPE_OPTION = "input_type";
    private static final Set<Integer> TITAN_DIMENSIONS = Set.of(256, 512, 1024);
    private static final Set<String> INPUT_TYPES = Set.of("search_document", "search_query", "classification",
            "clustering");

    /** The body family of an embedding model. */
    enum Family {
        TITAN_V2(1), COHERE_V3(COHERE_MAX_BATCH);

        final int maxPerCall;

        Family(int maxPerCall) {
            this.maxPerCall = maxPerCall;
        }
    }

    private BedrockEmbeddings() {}

    static Family family(String modelId) {
        if (modelId.startsWith("amazon.titan-embed-text-v2")) {
            return Family.TITAN_V2;
        }
        if (modelId.startsWith("cohere.embed-english-v3") || modelId.startsWith("cohere.embed-multilingual-v3")) {
            return Family.COHERE_V3;
        }
        throw new GatewayException.BadRequest("Gatehouse embeds on Bedrock with amazon.titan-embed-text-v2:0, "
                + "cohere.embed-english-v3 and cohere.embed-multilingual-v3; '" + modelId
                + "' is none of them.", "model", "model_not_supported", null);
    }

    static ObjectNode toBedrock(EmbeddingRequest request, Deployment deployment) {
        if (!(request.input() instanceof EmbeddingInput.Texts texts)) {
            throw UnsupportedParams.invalid("input", "Bedrock's embedding models take text only; 'input' holds "
                    + "token arrays.");
        }
        UnsupportedParams unsupported = new UnsupportedParams("Bedrock", deployment.dropParams());
        // No end-user field: the gateway leaves user out, and names it (BedrockProvider.takesEndUser).
        return switch (family(request.model())) {
            case TITAN_V2 -> titan(texts, request);
            case COHERE_V3 -> cohere(texts, request, deployment, unsupported);
        };
    }

    private static ObjectNode titan(EmbeddingInput.Texts texts, EmbeddingRequest request) {
        if (texts.size() != 1) {
            throw new IllegalArgumentException("Titan embeds one text per call");
        }
        ObjectNode body = Json.object().put("inputText", texts.texts().getFirst());
        if (request.dimensions() != null) {
            if (!TITAN_DIMENSIONS.contains(request.dimensions())) {
                throw UnsupportedParams.invalid("dimensions", "Titan Text Embeddings V2 takes dimensions 256, 512 "
                        + "or 1024, not " + request.dimensions() + ".");
            }
            body.put("dimensions", request.dimensions());
        }
        // Normalized vectors, as OpenAI's are (and Titan's default).
        body.put("normalize", true);
        return body;
    }

    private static ObjectNode cohere(EmbeddingInput.Texts texts, EmbeddingRequest request, Deployment deployment,
            UnsupportedParams unsupported) {
        if (request.dimensions() != null) {
            unsupported.reject("dimensions", "Cohere Embed v3 on Bedrock has a fixed number of dimensions");
        }
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("texts");
        texts.texts().forEach(array::add);
        body.put("input_type", inputType(deployment));
        body.putArray("embedding_types").add("float");
        // An input longer than the model takes is an error, as on OpenAI, never silently cut.
        body.put("truncate", "NONE");
        return body;
    }

    static String inputType(Deployment deployment) {
        String value = deployment.options().get(INPUT_TYPE_OPTION);
        if (value == null) {
            return "search_document";
        }
        if (!INPUT_TYPES.contains(value)) {
            throw new GatewayException.BadRequest("The deployment of '" + deployment.model()
                    + "' has an invalid option input_type: '" + value
                    + "' (expected search_document, search_query, classification or clustering).", null);
        }
        return value;
    }

    /**
     * The answer to one call; {@code headerTokens} is the value of the
     * {@code x-amzn-bedrock-input-token-count} header, or null.
     */
    static EmbeddingResponse toResponse(JsonNode answer, EmbeddingRequest request, String headerTokens) {
        List<JsonNode> vectors = new ArrayList<>();
        Integer tokens;
        if (family(request.model()) == Family.TITAN_V2) {
            vectors.add(answer.get("embedding"));
            tokens = Json.intOrNull(answer, "inputTextTokenCount");
        } else {
            JsonNode embeddings = answer.get("embeddings");
            JsonNode floats = embeddings != null && embeddings.isObject() ? embeddings.get("float") : embeddings;
            if (floats == null || !floats.isArray()) {
                throw new GatewayException.UpstreamServerError("Bedrock returned no float embeddings", 0,
                        Json.text(answer));
            }
            floats.forEach(vectors::add);
            tokens = parse(headerTokens);
        }
        List<EmbeddingResponse.Embedding> data = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            data.add(new EmbeddingResponse.Embedding(i, EmbeddingResponseJson.vector(vectors.get(i), "Bedrock")));
        }
        return new EmbeddingResponse(request.model(), data, tokens == null ? null : Usage.of(tokens, 0));
    }

    private static Integer parse(String header) {
        if (header == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(header.trim());
            return value >= 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
