package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ModelInfo;
import java.util.List;

/**
 * The model objects of {@code GET /v1/models}, in OpenAI's format and in Anthropic's. Gatehouse
 * does not know when a model was released: {@code created} is 0 and {@code created_at} the epoch.
 * A fact about a model that is unknown is left out, never guessed (docs/agents.md).
 */
final class ModelListJson {

    /** The epoch, as Anthropic's RFC 3339 {@code created_at} writes it. */
    private static final String UNKNOWN_DATE = "1970-01-01T00:00:00Z";

    private ModelListJson() {}

    /**
     * OpenAI's model object ({@code id}, {@code object: "model"}, {@code created}, {@code owned_by}),
     * with what the model can do under the names of LiteLLM's {@code model_info}, which agents and
     * LiteLLM's clients read.
     */
    static ObjectNode openAi(String model, ModelInfo info) {
        ObjectNode node = Json.object().put("id", model).put("object", "model").put("created", 0)
                .put("owned_by", "gatehouse");
        putIfKnown(node, "max_input_tokens", info.contextWindow());
        putIfKnown(node, "max_output_tokens", info.maxOutputTokens());
        putIfKnown(node, "supports_function_calling", info.functionCalling());
        putIfKnown(node, "supports_vision", info.vision());
        putIfKnown(node, "supports_reasoning", info.reasoning());
        putIfKnown(node, "supports_response_schema", info.responseSchema());
        return node;
    }

    /** OpenAI's list: {@code {"object":"list","data":[…]}}. */
    static ObjectNode openAiList(List<ObjectNode> models) {
        ObjectNode body = Json.object().put("object", "list");
        body.putArray("data").addAll(models);
        return body;
    }

    /**
     * Anthropic's model object (platform.claude.com/docs/en/api/models-list): {@code type: "model"},
     * {@code id}, {@code display_name}, {@code created_at}, with {@code max_input_tokens},
     * {@code max_tokens} and the {@code capabilities} Anthropic names ({@code image_input},
     * {@code structured_outputs}, {@code thinking}) where known. Anthropic lists no tool capability
     * (every model of its takes tools), so one is not written here.
     */
    static ObjectNode anthropic(String model, ModelInfo info) {
        ObjectNode node = Json.object().put("type", "model").put("id", model).put("display_name", model)
                .put("created_at", UNKNOWN_DATE);
        putIfKnown(node, "max_input_tokens", info.contextWindow());
        putIfKnown(node, "max_tokens", info.maxOutputTokens());
        ObjectNode capabilities = Json.object();
        supported(capabilities, "image_input", info.vision());
        supported(capabilities, "structured_outputs", info.responseSchema());
        supported(capabilities, "thinking", info.reasoning());
        if (!capabilities.isEmpty()) {
            node.set("capabilities", capabilities);
        }
        return node;
    }

    /** Anthropic's page of models: {@code data}, {@code first_id}, {@code last_id} (null when empty), {@code has_more}. */
    static ObjectNode anthropicPage(List<ObjectNode> models, boolean hasMore) {
        ObjectNode body = Json.object();
        body.putArray("data").addAll(models);
        if (models.isEmpty()) {
            body.putNull("first_id").putNull("last_id");
        } else {
            body.put("first_id", models.getFirst().path("id").asText())
                    .put("last_id", models.getLast().path("id").asText());
        }
        return body.put("has_more", hasMore);
    }

    private static void supported(ObjectNode capabilities, String name, Boolean value) {
        if (value != null) {
            capabilities.putObject(name).put("supported", value);
        }
    }

    private static void putIfKnown(ObjectNode node, String field, Integer value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putIfKnown(ObjectNode node, String field, Boolean value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
