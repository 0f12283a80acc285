package dev.gatehouse.provider.gemini;

import dev.gatehouse.google.VertexOptions;
import dev.gatehouse.provider.LiteLlmPrefix;
import dev.gatehouse.provider.ProviderDescriptor;
import java.util.List;
import java.util.Map;

/**
 * Gemini models on the Gemini API ({@code gemini}) and on Vertex AI ({@code vertex}, whose
 * settings {@link VertexOptions} checks). LiteLLM's {@code vertex_ai/} is Gemini's here; its
 * Claude models become {@code vertex_anthropic} where the LiteLLM entry is read.
 */
public final class GeminiDescriptor {

    private static final String VERTEX = "vertex";

    public static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(List.of("gemini", VERTEX),
            id -> id.equals(VERTEX) ? GeminiProvider.vertex() : new GeminiProvider(),
            (id, written) -> id.equals(VERTEX) ? VertexOptions.CHECK.check(id, written) : List.of(),
            List.of(), Map.of(VERTEX, VertexOptions.ENDPOINT_OPTIONS),
            List.of(LiteLlmPrefix.of("gemini", "gemini"), LiteLlmPrefix.of("vertex_ai", VERTEX)));

    private GeminiDescriptor() {}
}
