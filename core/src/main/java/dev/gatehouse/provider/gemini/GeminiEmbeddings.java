package dev.gatehouse.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/**
 * Embeddings on Gemini (ai.google.dev/api/embeddings): one input goes to
 * {@code models/{model}:embedContent} ({@code {"content":{"parts":[{"text"}]},
 * "outputDimensionality"}} → {@code {"embedding":{"values"}}}), several to
 * {@code :batchEmbedContents} ({@code {"requests":[{"model":"models/{model}", …}]}} →
 * {@code {"embeddings":[{"values"}]}}, in request order), at most {@value #MAX_BATCH} per call.
 * OpenAI's {@code dimensions} is Gemini's {@code outputDimensionality}. Gemini embeds text only:
 * token arrays are refused; it has no end-user field, so the gateway leaves {@code user} out
 * and names it. Gemini's embedding answers carry no token counts unless a
 * {@code usageMetadata.promptTokenCount} is present, so usage is otherwise unknown.
 */
final class GeminiEmbeddings {

    /** batchEmbedContents takes at most 100 requests per call. */
    static final int MAX_BATCH = 100;

    private GeminiEmbeddings() {}

    /** The method to call for this many inputs. */
    static String method(EmbeddingRequest request) {
        return request.input().size() == 1 ? ":embedContent" : ":batchEmbedContents";
    }

    static ObjectNode toGemini(EmbeddingRequest request, Deployment deployment) {
        if (!(request.input() instanceof EmbeddingInput.Texts texts)) {
            throw new GatewayException.BadRequest("Gemini embeds text only; 'input' holds token arrays.", "input");
        }
        // No end-user field: the gateway leaves user out, and names it (GeminiProvider.takesEndUser).
        if (texts.size() == 1) {
            return one(texts.texts().getFirst(), request, false);
        }
        ObjectNode body = Json.object();
        ArrayNode requests = body.putArray("requests");
        for (String text : texts.texts()) {
            requests.add(one(text, request, true));
        }
        return body;
    }

    private static ObjectNode one(String text, EmbeddingRequest request, boolean named) {
        ObjectNode item = Json.object();
        if (named) {
            item.put("model", "models/" + request.model());
        }
        item.putObject("content").putArray("parts").addObject().put("text", text);
        if (request.dimensions() != null) {
            item.put("outputDimensionality", request.dimensions());
        }
        return item;
    }

    static EmbeddingResponse toResponse(JsonNode answer, EmbeddingRequest request) {
        List<JsonNode> vectors = new ArrayList<>();
        if (request.input().size() == 1) {
            vectors.add(answer.path("embedding").get("values"));
        } else {
            JsonNode embeddings = answer.get("embeddings");
            if (embeddings == null || !embeddings.isArray()) {
                throw new GatewayException.UpstreamServerError("Gemini returned no embeddings", 0, Json.text(answer));
            }
            embeddings.forEach(e -> vectors.add(e.get("values")));
        }
        List<EmbeddingResponse.Embedding> data = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            data.add(new EmbeddingResponse.Embedding(i, EmbeddingResponseJson.vector(vectors.get(i), "Gemini")));
        }
        Integer tokens = Json.intOrNull(answer.get("usageMetadata"), "promptTokenCount");
        return new EmbeddingResponse(request.model(), data, tokens == null ? null : Usage.of(tokens, 0));
    }
}
