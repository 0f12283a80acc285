package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI's embeddings response ({@code {"object":"list","data":[{"object":"embedding","index",
 * "embedding"}],"model","usage":{"prompt_tokens","total_tokens"}}}), both ways. With
 * {@code encoding_format: base64} each vector is the base64 of its little-endian float32 values,
 * as OpenAI sends it and its SDKs decode it.
 */
public final class EmbeddingResponseJson {

    private EmbeddingResponseJson() {}

    public static ObjectNode write(EmbeddingResponse response, EmbeddingRequest.EncodingFormat format) {
        ObjectNode body = Json.object().put("object", "list");
        ArrayNode data = body.putArray("data");
        for (EmbeddingResponse.Embedding embedding : response.data()) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", embedding.index());
            if (format == EmbeddingRequest.EncodingFormat.BASE64) {
                item.put("embedding", base64(embedding.vector()));
            } else {
                ArrayNode vector = item.putArray("embedding");
                for (float value : embedding.vector()) {
                    vector.add(value);
                }
            }
        }
        body.put("model", response.model());
        // OpenAI's SDKs read usage as required; a provider that counts nothing is reported as 0 tokens
        // here, and as unknown (null) to the gateway's own accounting.
        Usage usage = response.usage();
        int tokens = usage == null ? 0 : usage.promptTokens();
        body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return body;
    }

    static String base64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    /** Decodes a base64 vector (little-endian float32). */
    public static float[] fromBase64(String text) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[buffer.remaining() / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = buffer.getFloat();
        }
        return vector;
    }

    /** Reads an OpenAI-compatible upstream's answer; a shape that can not be read is the upstream's failure. */
    public static EmbeddingResponse read(JsonNode node, String provider) {
        JsonNode data = node == null ? null : node.get("data");
        if (data == null || !data.isArray()) {
            throw new GatewayException.UpstreamServerError(provider + " returned embeddings without data", 0,
                    node == null ? null : Json.text(node));
        }
        List<EmbeddingResponse.Embedding> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            out.add(new EmbeddingResponse.Embedding(item.path("index").asInt(i), vector(item.get("embedding"),
                    provider)));
        }
        JsonNode usage = node.get("usage");
        Usage counted = usage != null && usage.isObject() && usage.has("prompt_tokens")
                ? Usage.of(usage.path("prompt_tokens").asInt(0), 0) : null;
        String model = Json.textOrNull(node, "model");
        return new EmbeddingResponse(model == null ? "" : model, out, counted);
    }

    /** A vector as numbers (or, from upstreams that answer so, base64). */
    public static float[] vector(JsonNode values, String provider) {
        if (values != null && values.isTextual()) {
            return fromBase64(values.asText());
        }
        if (values == null || !values.isArray()) {
            throw new GatewayException.UpstreamServerError(provider + " returned an embedding that is not a list of "
                    + "numbers", 0, null);
        }
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            JsonNode value = values.get(i);
            if (!value.isNumber()) {
                throw new GatewayException.UpstreamServerError(provider + " returned an embedding with a value that is "
                        + "not a number", 0, null);
            }
            vector[i] = value.floatValue();
        }
        return vector;
    }
}
