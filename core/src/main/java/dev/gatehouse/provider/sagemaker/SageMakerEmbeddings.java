package dev.gatehouse.provider.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.EmbeddingResponseJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.UnsupportedParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings from a SageMaker endpoint that runs Hugging Face's Text Embeddings Inference (TEI),
 * the container AWS and Hugging Face offer for embedding models: {@code {"inputs": [texts]}} →
 * a list of vectors, one per text, in order (TEI's {@code /embed},
 * https://huggingface.github.io/text-embeddings-inference/, which its SageMaker entry point
 * serves on {@code /invocations}). This is the body LiteLLM's {@code sagemaker/} embeddings send;
 * like LiteLLM, an answer {@code {"embedding": [vectors]}} (Hugging Face's older inference
 * toolkit) is read too. Token arrays and {@code dimensions} have no field: token arrays are a
 * 400, {@code dimensions} refused or dropped as the deployment says. The answer counts no
 * tokens: the gateway counts them and marks the spend row estimated.
 */
final class SageMakerEmbeddings {

    /** TEI's default {@code --max-client-batch-size}. */
    static final int MAX_PER_CALL = 32;

    private SageMakerEmbeddings() {}

    static ObjectNode toTei(EmbeddingRequest request, Deployment deployment) {
        if (!(request.input() instanceof EmbeddingInput.Texts texts)) {
            throw UnsupportedParams.invalid("input", "a SageMaker endpoint embeds text, not token arrays");
        }
        if (request.dimensions() != null) {
            new UnsupportedParams(SageMakerProvider.NAME, deployment.dropParams()).reject("dimensions",
                    "a SageMaker embedding endpoint answers with its model's own dimensions");
        }
        ObjectNode body = Json.object();
        ArrayNode inputs = body.putArray("inputs");
        texts.texts().forEach(inputs::add);
        return body;
    }

    static EmbeddingResponse toResponse(JsonNode body, String model) {
        JsonNode vectors = body.isObject() ? body.get("embedding") : body;
        if (vectors == null || !vectors.isArray()) {
            throw new GatewayException.UpstreamServerError("SageMaker's endpoint answered without a list of embeddings",
                    0, Json.text(body));
        }
        List<EmbeddingResponse.Embedding> data = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            data.add(new EmbeddingResponse.Embedding(i, EmbeddingResponseJson.vector(vectors.get(i),
                    SageMakerProvider.NAME)));
        }
        return new EmbeddingResponse(model, data, null);
    }
}
