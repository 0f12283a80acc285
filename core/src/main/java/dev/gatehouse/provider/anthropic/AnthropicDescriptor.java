package dev.gatehouse.provider.anthropic;

import dev.gatehouse.google.VertexOptions;
import dev.gatehouse.provider.LiteLlmPrefix;
import dev.gatehouse.provider.ProviderDescriptor;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's Messages API, at Anthropic ({@code anthropic}) and on Vertex AI
 * ({@code vertex_anthropic}, whose settings {@link VertexOptions} checks).
 */
public final class AnthropicDescriptor {

    private static final String VERTEX = "vertex_anthropic";

    public static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(List.of("anthropic", VERTEX),
            id -> id.equals(VERTEX) ? AnthropicProvider.vertex() : new AnthropicProvider(),
            (id, written) -> id.equals(VERTEX) ? VertexOptions.CHECK.check(id, written) : List.of(),
            List.of(), Map.of(VERTEX, VertexOptions.ENDPOINT_OPTIONS),
            List.of(LiteLlmPrefix.of("anthropic", "anthropic")));

    private AnthropicDescriptor() {}
}
