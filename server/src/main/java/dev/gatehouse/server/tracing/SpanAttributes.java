package dev.gatehouse.server.tracing;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute names Gatehouse's spans carry. The {@code gen_ai.*} ones follow OpenTelemetry's
 * semantic conventions for generative AI spans
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/), the {@code http.*},
 * {@code server.*} and {@code client.*} ones its HTTP conventions
 * (https://opentelemetry.io/docs/specs/semconv/http/http-spans/); {@code gatehouse.*} are
 * Gatehouse's own (docs/observability.md lists them all).
 */
final class SpanAttributes {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    /** The prompt and completion as text, redacted and truncated; only with {@code capture_content: true}. */
    static final AttributeKey<String> PROMPT = AttributeKey.stringKey("gen_ai.prompt");
    static final AttributeKey<String> COMPLETION = AttributeKey.stringKey("gen_ai.completion");

    static final AttributeKey<String> KEY_ID = AttributeKey.stringKey("gatehouse.key_id");
    static final AttributeKey<String> TEAM_ID = AttributeKey.stringKey("gatehouse.team_id");
    static final AttributeKey<String> DEPLOYMENT = AttributeKey.stringKey("gatehouse.deployment");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("gatehouse.attempt");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("gatehouse.attempts");
    static final AttributeKey<String> FALLBACK = AttributeKey.stringKey("gatehouse.fallback");
    static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("gatehouse.cost_usd");
    static final AttributeKey<String> CACHE = AttributeKey.stringKey("gatehouse.cache");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("gatehouse.stream");
    static final AttributeKey<Double> FIRST_TOKEN_MS = AttributeKey.doubleKey("gatehouse.time_to_first_token_ms");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("gatehouse.route");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("gatehouse.request_id");

    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private SpanAttributes() {}

    /**
     * {@code gen_ai.provider.name} for a Gatehouse provider id: the conventions' well-known value
     * where there is one, else the id itself (a configured name, never free text).
     */
    static String providerName(String provider) {
        return switch (provider) {
            case "azure" -> "azure.ai.openai";
            case "bedrock" -> "aws.bedrock";
            case "gemini" -> "gcp.gemini";
            case "vertex", "vertex_anthropic" -> "gcp.vertex_ai";
            case "xai" -> "x_ai";
            case "mistral" -> "mistral_ai";
            default -> provider; // openai, anthropic, cohere, deepseek, groq, perplexity: the same word
        };
    }

    /**
     * {@code gen_ai.operation.name} of a model route, as the routes fill it in
     * ({@code GenAiFacts.operation}): known before the request is read, so the attempt spans are
     * named with it.
     */
    static String operation(String route) {
        return switch (route) {
            case "chat_completions", "messages", "responses" -> "chat";
            case "completions" -> "text_completion";
            case "embeddings" -> "embeddings";
            case "images_generations", "images_edits" -> "generate_content";
            default -> route; // rerank, count_tokens: no conventional name
        };
    }
}
