package dev.gatehouse.server.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Gatehouse's provider ids as {@code gen_ai.provider.name}: the GenAI conventions' well-known
 * values (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/), and route names as
 * operations.
 */
class SpanAttributesTest {

    @Test
    void providersWithAWellKnownNameAreMappedToIt() {
        assertEquals("openai", SpanAttributes.providerName("openai"));
        assertEquals("anthropic", SpanAttributes.providerName("anthropic"));
        assertEquals("azure.ai.openai", SpanAttributes.providerName("azure"));
        assertEquals("aws.bedrock", SpanAttributes.providerName("bedrock"));
        assertEquals("gcp.gemini", SpanAttributes.providerName("gemini"));
        assertEquals("gcp.vertex_ai", SpanAttributes.providerName("vertex"));
        assertEquals("gcp.vertex_ai", SpanAttributes.providerName("vertex_anthropic"));
        assertEquals("x_ai", SpanAttributes.providerName("xai"));
        assertEquals("mistral_ai", SpanAttributes.providerName("mistral"));
        assertEquals("cohere", SpanAttributes.providerName("cohere"));
        assertEquals("groq", SpanAttributes.providerName("groq"));
        assertEquals("vllm", SpanAttributes.providerName("vllm"), "no well-known value: Gatehouse's id");
    }

    @Test
    void routesAreNamedAsTheirOperation() {
        assertEquals("chat", SpanAttributes.operation("chat_completions"));
        assertEquals("chat", SpanAttributes.operation("messages"));
        assertEquals("chat", SpanAttributes.operation("responses"));
        assertEquals("text_completion", SpanAttributes.operation("completions"));
        assertEquals("embeddings", SpanAttributes.operation("embeddings"));
        assertEquals("generate_content", SpanAttributes.operation("images_generations"));
        assertEquals("rerank", SpanAttributes.operation("rerank"));
    }
}
