package dev.gatehouse.testkit.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * What InvokeModel refuses in the body of an embedding model, as the model pages describe it
 * (ValidationException messages):
 *
 * <ul>
 *   <li>Titan Text Embeddings V2 (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html):
 *       {@code inputText} required, a non-empty string; {@code dimensions} 256, 512 or 1024;
 *       {@code normalize} a boolean; {@code embeddingTypes} float and/or binary; nothing else.</li>
 *   <li>Cohere Embed v3 (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v3.html):
 *       {@code texts} required, 0 to 96 strings; {@code input_type} required (search_document,
 *       search_query, classification, clustering); {@code embedding_types} float, int8, uint8,
 *       binary or ubinary; {@code truncate} NONE, START or END; nothing else.</li>
 * </ul>
 *
 * Any other model is refused, as a model the fake does not serve.
 */
final class InvokeEmbedRules {

    static final int COHERE_MAX_TEXTS = 96;

    private InvokeEmbedRules() {}

    static boolean isTitan(String model) {
        return model.startsWith("amazon.titan-embed-text-v2");
    }

    static boolean isCohere(String model) {
        return model.startsWith("cohere.embed-english-v3") || model.startsWith("cohere.embed-multilingual-v3");
    }

    static Optional<String> check(String model, JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.of("Malformed input request, please reformat your input and try again.");
        }
        if (isTitan(model)) {
            return titan(body);
        }
        if (isCohere(model)) {
            return cohere(body);
        }
        return Optional.of("The provided model identifier is invalid.");
    }

    private static Optional<String> titan(JsonNode body) {
        Optional<String> extra = onlyKeys(body, Set.of("inputText", "dimensions", "normalize", "embeddingTypes"));
        if (extra.isPresent()) {
            return extra;
        }
        if (!body.path("inputText").isTextual() || body.path("inputText").asText().isEmpty()) {
            return Optional.of("Malformed input request: #: required key [inputText] not found, please reformat "
                    + "your input and try again.");
        }
        if (body.has("dimensions") && !Set.of(256, 512, 1024).contains(body.path("dimensions").asInt(-1))) {
            return Optional.of("Malformed input request: #/dimensions: " + body.get("dimensions")
                    + " is not a valid enum value, please reformat your input and try again.");
        }
        if (body.has("normalize") && !body.path("normalize").isBoolean()) {
            return Optional.of("Malformed input request: #/normalize: expected type: Boolean, please reformat your "
                    + "input and try again.");
        }
        if (body.has("embeddingTypes")) {
            for (JsonNode type : body.path("embeddingTypes")) {
                if (!Set.of("float", "binary").contains(type.asText(""))) {
                    return Optional.of("Malformed input request: #/embeddingTypes: " + type
                            + " is not a valid enum value");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cohere(JsonNode body) {
        Optional<String> extra = onlyKeys(body, Set.of("texts", "input_type", "images", "truncate", "embedding_types"));
        if (extra.isPresent()) {
            return extra;
        }
        JsonNode texts = body.path("texts");
        if (!texts.isArray()) {
            return Optional.of("Malformed input request: #: required key [texts] not found");
        }
        if (texts.size() > COHERE_MAX_TEXTS) {
            return Optional.of("Malformed input request: #/texts: expected maximum item count: " + COHERE_MAX_TEXTS
                    + ", found: " + texts.size());
        }
        for (JsonNode text : texts) {
            if (!text.isTextual()) {
                return Optional.of("Malformed input request: #/texts: expected type: String");
            }
        }
        if (!Set.of("search_document", "search_query", "classification", "clustering")
                .contains(body.path("input_type").asText(""))) {
            return Optional.of("Malformed input request: #: required key [input_type] not found or not valid");
        }
        if (body.has("embedding_types")) {
            for (JsonNode type : body.path("embedding_types")) {
                if (!Set.of("float", "int8", "uint8", "binary", "ubinary").contains(type.asText(""))) {
                    return Optional.of("Malformed input request: #/embedding_types: " + type
                            + " is not a valid enum value");
                }
            }
        }
        if (body.has("truncate") && !Set.of("NONE", "START", "END").contains(body.path("truncate").asText(""))) {
            return Optional.of("Malformed input request: #/truncate: " + body.get("truncate")
                    + " is not a valid enum value");
        }
        return Optional.empty();
    }

    private static Optional<String> onlyKeys(JsonNode body, Set<String> allowed) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                return Optional.of("Malformed input request: #: extraneous key [" + name
                        + "] is not permitted, please reformat your input and try again.");
            }
        }
        return Optional.empty();
    }
}
