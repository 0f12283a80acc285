package dev.gatehouse.server.config;

import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.ImageProvider;
import dev.gatehouse.provider.Provider;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.provider.RerankProvider;
import java.util.Map;

/**
 * A LiteLLM entry's {@code model_info.mode} says what the model is for (docs.litellm.ai/docs/proxy/health:
 * {@code chat}, {@code embedding}, {@code image_generation}, {@code rerank}, …). Gatehouse serves a model on
 * every route its provider offers whatever the mode, so the mode itself is ignored with a warning; but a
 * mode naming an operation the provider does not offer (an Azure OpenAI {@code rerank} deployment, say) is a
 * problem: every request the model is there for would be refused.
 */
final class LiteLlmModes {

    /** LiteLLM's modes that name an operation Gatehouse has, and the capability that serves it. */
    private static final Map<String, Class<? extends Provider>> OPERATIONS = Map.of(
            "chat", ChatProvider.class, "completion", ChatProvider.class, "responses", ChatProvider.class,
            "embedding", EmbeddingProvider.class, "image_generation", ImageProvider.class,
            "rerank", RerankProvider.class);

    private LiteLlmModes() {}

    /** Records the mode's problem when {@code provider} does not serve it, its warning otherwise. */
    static void check(Located mode, String provider, Findings findings) {
        String value = mode.value().isTextual() ? mode.value().textValue() : null;
        Class<? extends Provider> operation = value == null ? null : OPERATIONS.get(value);
        if (operation != null && Providers.isKnown(provider) && !Providers.provider(provider).offers(operation)) {
            findings.problem(mode, "provider " + provider + " does not serve " + value + " requests: Gatehouse would"
                    + " refuse every one sent to this model; use a provider that does, or remove the entry");
            return;
        }
        findings.warn(mode, LiteLlmReasons.modelInfo("mode", mode));
    }
}
