package dev.gatehouse.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ReasoningEffort;
import java.util.Map;

/**
 * OpenAI chat request → Gemini {@code GenerateContentRequest} (the body of
 * {@code :generateContent} and {@code :streamGenerateContent}).
 *
 * <p>Messages are mapped by {@link GeminiContentMapper}, tools by {@link GeminiToolMapper}; this
 * class adds {@code generationConfig}:
 * <table>
 *   <caption>Generation parameters</caption>
 *   <tr><th>OpenAI</th><th>Gemini</th></tr>
 *   <tr><td>max_completion_tokens / max_tokens</td><td>maxOutputTokens</td></tr>
 *   <tr><td>stop</td><td>stopSequences</td></tr>
 *   <tr><td>temperature, top_p</td><td>temperature, topP</td></tr>
 *   <tr><td>seed (32-bit)</td><td>seed</td></tr>
 *   <tr><td>n</td><td>candidateCount</td></tr>
 *   <tr><td>response_format json_object</td><td>responseMimeType application/json</td></tr>
 *   <tr><td>response_format json_schema</td><td>responseMimeType application/json +
 *       responseJsonSchema</td></tr>
 *   <tr><td>presence_penalty, frequency_penalty, top_k (extensions)</td><td>presencePenalty,
 *       frequencyPenalty, topK</td></tr>
 *   <tr><td>reasoning_effort (extension)</td><td>thinkingConfig ({@link GeminiThinking})</td></tr>
 * </table>
 * Every other extension (such as {@code logit_bias} or {@code logprobs}) has no Gemini field and
 * goes through
 * {@link ParamPolicy}: refused with a 400 naming it, or dropped when the deployment says so.
 * An extension whose value is JSON null counts as absent. Gemini has no end-user field either:
 * {@code user} never reaches this mapping ({@link GeminiProvider#checkFields} leaves it out and names it).
 */
final class GeminiRequestMapper {

    private GeminiRequestMapper() {}

    /** The Gemini request body for {@code request}, under the deployment's parameter policy. */
    static ObjectNode toGemini(ChatRequest request, Deployment deployment) {
        ParamPolicy policy = new ParamPolicy(deployment.dropParams());
        GeminiContentMapper.Mapped conversation = GeminiContentMapper.toContents(request.messages(), policy);
        ObjectNode body = Json.object();
        if (conversation.systemInstruction() != null) {
            body.set("systemInstruction", conversation.systemInstruction());
        }
        body.set("contents", conversation.contents());
        GeminiToolMapper.addTools(request, body, policy);
        ObjectNode config = generationConfig(request, policy);
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        // No end-user field here: GeminiProvider.checkFields leaves user out (named) before the mapping.
        return body;
    }

    private static ObjectNode generationConfig(ChatRequest request, ParamPolicy policy) {
        ObjectNode config = Json.object();
        if (request.outputTokenLimit() != null) {
            config.put("maxOutputTokens", request.outputTokenLimit());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            request.stop().forEach(stop::add);
        }
        if (request.temperature() != null) {
            config.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            config.put("topP", request.topP());
        }
        if (request.seed() != null) {
            if (request.seed() < Integer.MIN_VALUE || request.seed() > Integer.MAX_VALUE) {
                throw new GatewayException.BadRequest("Gemini takes a 32-bit seed; " + request.seed() + " is too large",
                        "seed");
            }
            config.put("seed", request.seed().intValue());
        }
        if (request.n() != null) {
            config.put("candidateCount", request.n());
        }
        responseFormat(request.responseFormat(), config, policy);
        for (Map.Entry<String, JsonNode> extension : request.extensions().entrySet()) {
            if (!extension.getKey().equals(ReasoningEffort.PARAM)) {
                extension(extension.getKey(), extension.getValue(), config, policy);
            }
        }
        ReasoningEffort.of(request).flatMap(effort -> GeminiThinking.config(effort, request.model(), policy))
                .ifPresent(thinking -> config.set("thinkingConfig", thinking));
        return config;
    }

    private static void responseFormat(ResponseFormat format, ObjectNode config, ParamPolicy policy) {
        switch (format) {
            case null -> { }
            case ResponseFormat.Text text -> { }
            case ResponseFormat.JsonObject json -> config.put("responseMimeType", "application/json");
            case ResponseFormat.JsonSchema json -> {
                config.put("responseMimeType", "application/json");
                if (json.schema() != null && !json.schema().isNull()) {
                    JsonNode schema = GeminiJsonSchema.toGemini(json.schema(), "response_format.json_schema.schema",
                            policy);
                    if (json.description() != null && schema.isObject() && !schema.has("description")) {
                        ((ObjectNode) schema).put("description", json.description());
                    }
                    config.set("responseJsonSchema", schema);
                }
            }
        }
    }

    private static void extension(String name, JsonNode value, ObjectNode config, ParamPolicy policy) {
        if (value == null || value.isNull()) {
            return;
        }
        switch (name) {
            case "presence_penalty" -> config.put("presencePenalty", number(name, value));
            case "frequency_penalty" -> config.put("frequencyPenalty", number(name, value));
            case "top_k" -> {
                if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                    throw new GatewayException.BadRequest("top_k must be an integer", name);
                }
                config.put("topK", value.intValue());
            }
            default -> policy.unsupported(name, "the Gemini API has no such parameter");
        }
    }

    private static double number(String name, JsonNode value) {
        if (!value.isNumber()) {
            throw new GatewayException.BadRequest(name + " must be a number", name);
        }
        return value.doubleValue();
    }
}
