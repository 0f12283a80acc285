package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's embeddings request body, both ways. {@code input} is a string, an array of strings,
 * an array of token ids or an array of token id arrays; an empty string or array is refused, as
 * OpenAI refuses it (platform.openai.com/docs/api-reference/embeddings/create). Fields OpenAI
 * does not define are refused by name rather than passed on, because each provider maps this
 * request to its own format.
 */
public final class EmbeddingRequestJson {

    /** The most inputs one request may carry; providers split larger batches into their own limits. */
    public static final int MAX_INPUTS = 10_000;
    /** The largest {@code dimensions} accepted; models refuse what they can not do. */
    static final int MAX_DIMENSIONS = 65_536;

    private static final Set<String> FIELDS = Set.of("model", "input", "dimensions", "encoding_format", "user");

    private EmbeddingRequestJson() {}

    public static EmbeddingRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.BadRequest("The request body must be a JSON object.", null);
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new GatewayException.BadRequest("Unrecognized request argument supplied: '" + field.getKey()
                        + "'. The embeddings endpoint takes model, input, dimensions, encoding_format and user.",
                        field.getKey());
            }
        }
        String model = Fields.requiredText(body, "model", "model");
        EmbeddingInput input = input(body.get("input"));
        Integer dimensions = Fields.optionalInt(body, "dimensions", "dimensions", 1, MAX_DIMENSIONS);
        String format = Fields.optionalText(body, "encoding_format", "encoding_format");
        EmbeddingRequest.EncodingFormat encoding = null;
        if (format != null) {
            encoding = switch (format) {
                case "float" -> EmbeddingRequest.EncodingFormat.FLOAT;
                case "base64" -> EmbeddingRequest.EncodingFormat.BASE64;
                default -> throw new GatewayException.BadRequest("Invalid value for 'encoding_format': '" + format
                        + "'; expected 'float' or 'base64'.", "encoding_format");
            };
        }
        return new EmbeddingRequest(model, input, dimensions, encoding, Fields.optionalText(body, "user", "user"));
    }

    private static EmbeddingInput input(JsonNode input) {
        if (!Fields.present(input)) {
            throw Fields.missing("input");
        }
        if (input.isTextual()) {
            return new EmbeddingInput.Texts(List.of(text(input, "input")));
        }
        if (!input.isArray()) {
            throw Fields.invalid("input", "a string, an array of strings or an array of token arrays", input);
        }
        if (input.isEmpty()) {
            throw new GatewayException.BadRequest("'input' is an empty array; give at least one input.", "input");
        }
        if (input.size() > MAX_INPUTS) {
            throw new GatewayException.BadRequest("'input' has " + input.size() + " items; at most " + MAX_INPUTS
                    + " are accepted in one request.", "input");
        }
        JsonNode first = input.get(0);
        if (first.isIntegralNumber()) {
            return new EmbeddingInput.Tokens(List.of(tokens(input, "input")));
        }
        if (first.isArray()) {
            List<List<Integer>> all = new ArrayList<>(input.size());
            for (int i = 0; i < input.size(); i++) {
                JsonNode item = input.get(i);
                if (!item.isArray()) {
                    throw Fields.invalid("input[" + i + "]", "an array of token ids, like the other items", item);
                }
                all.add(tokens(item, "input[" + i + "]"));
            }
            return new EmbeddingInput.Tokens(all);
        }
        List<String> texts = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (!item.isTextual()) {
                throw Fields.invalid("input[" + i + "]", "a string, like the other items", item);
            }
            texts.add(text(item, "input[" + i + "]"));
        }
        return new EmbeddingInput.Texts(texts);
    }

    private static String text(JsonNode node, String path) {
        if (node.asText().isEmpty()) {
            throw new GatewayException.BadRequest("'" + path + "' is an empty string; every input must have text.",
                    path);
        }
        return node.asText();
    }

    private static List<Integer> tokens(JsonNode array, String path) {
        if (array.isEmpty()) {
            throw new GatewayException.BadRequest("'" + path + "' is an empty token array.", path);
        }
        List<Integer> ids = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode id = array.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
                throw Fields.invalid(path + "[" + i + "]", "a token id (a non-negative integer)", id);
            }
            ids.add(id.asInt());
        }
        return ids;
    }

    /**
     * The body for an OpenAI-compatible upstream. Vectors are always asked for as floats: the
     * front door encodes them as the caller asked, whatever the upstream.
     */
    public static ObjectNode write(EmbeddingRequest request) {
        ObjectNode body = Json.object().put("model", request.model());
        ArrayNode input = body.putArray("input");
        switch (request.input()) {
            case EmbeddingInput.Texts texts -> texts.texts().forEach(input::add);
            case EmbeddingInput.Tokens tokens -> tokens.tokens().forEach(ids -> {
                ArrayNode array = input.addArray();
                ids.forEach(array::add);
            });
        }
        if (request.dimensions() != null) {
            body.put("dimensions", request.dimensions());
        }
        body.put("encoding_format", "float");
        if (request.user() != null) {
            body.put("user", request.user());
        }
        return body;
    }
}
