package dev.gatehouse.provider.openai;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAI-compatible family, as data. Base URLs and departures from OpenAI's format follow
 * the providers' own documentation (see docs/providers/openai-compatible.md for the sources).
 * Adding a compatible provider is adding one entry here.
 */
public final class CompatibleProfiles {

    /** OpenAI itself. */
    public static final CompatibleProfile OPENAI =
            CompatibleProfile.plain("openai", "OpenAI", "https://api.openai.com/v1", true);

    /**
     * Azure OpenAI: OpenAI's format at Azure's addresses, with the key in an {@code api-key} header
     * ({@link AzureEndpoint}); no default base URL (every resource has its own). Registered on its
     * own in the provider registry, not through {@link #ALL}.
     */
    public static final CompatibleProfile AZURE = new CompatibleProfile("azure", "Azure OpenAI", null, false,
            Set.of(), Map.of(), true, false, false);

    /** Every profile, OpenAI first. */
    public static final List<CompatibleProfile> ALL = List.of(
            OPENAI,
            CompatibleProfile.plain("xai", "xAI", "https://api.x.ai/v1", true),
            // Mistral names the seed random_seed (docs.mistral.ai, chat completion API) and sends usage
            // in its last chunk without being asked.
            new CompatibleProfile("mistral", "Mistral", java.net.URI.create("https://api.mistral.ai/v1"), true,
                    Set.of(), Map.of("seed", "random_seed"), false, false, false),
            // Groq refuses logprobs, logit_bias, top_logprobs, messages[].name and n other than 1
            // (console.groq.com/docs/openai).
            new CompatibleProfile("groq", "Groq", java.net.URI.create("https://api.groq.com/openai/v1"), true,
                    Set.of("logprobs", "logit_bias", "top_logprobs"), Map.of(), true, true, true),
            CompatibleProfile.plain("deepseek", "DeepSeek", "https://api.deepseek.com", true),
            CompatibleProfile.plain("together", "Together AI", "https://api.together.xyz/v1", true),
            CompatibleProfile.plain("fireworks", "Fireworks AI", "https://api.fireworks.ai/inference/v1", true),
            CompatibleProfile.plain("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", true),
            CompatibleProfile.plain("perplexity", "Perplexity", "https://api.perplexity.ai", false),
            // Local servers: Ollama's OpenAI endpoint takes no key; vLLM takes one only when started with --api-key.
            new CompatibleProfile("ollama", "Ollama", java.net.URI.create("http://localhost:11434/v1"), false,
                    Set.of(), Map.of(), true, false, false),
            CompatibleProfile.plain("vllm", "vLLM", null, true),
            // Any other server that speaks OpenAI's format, at the base URL its deployment gives.
            CompatibleProfile.plain("openai_compatible", "OpenAI-compatible server", null, false));

    /**
     * The members whose upstream has OpenAI's {@code /embeddings} endpoint, with the most inputs
     * one call may carry. OpenAI documents 2048 (platform.openai.com/docs/api-reference/embeddings/create);
     * the others document no lower limit that Gatehouse knows of, so they get OpenAI's, and a
     * deployment can lower it with the option {@code max_embedding_batch}. Azure OpenAI documents 2048
     * as well ("the max array size is 2048",
     * https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/embeddings). Not here: xAI, Groq,
     * DeepSeek, OpenRouter and Perplexity, whose APIs serve no embeddings at their OpenAI-compatible
     * root as far as their documentation says.
     */
    public static final Map<String, Integer> EMBEDDING_BATCH = Map.of(
            "openai", 2048, "mistral", 2048, "together", 2048, "fireworks", 2048, "ollama", 2048, "vllm", 2048,
            "openai_compatible", 2048, "azure", 2048);

    /**
     * Embedding request fields a member knows under another name: Mistral calls the vector length
     * {@code output_dimension} (docs.mistral.ai/api, embeddings).
     */
    static final Map<String, Map<String, String>> EMBEDDING_RENAMES = Map.of(
            "mistral", Map.of("dimensions", "output_dimension"));

    /** The members with an OpenAI-style {@code /images/generations} endpoint, and how each takes it. */
    static final Map<String, ImageDialect> IMAGES = Map.of(
            "openai", ImageDialect.OPENAI, "xai", ImageDialect.XAI, "together", ImageDialect.TOGETHER,
            "azure", ImageDialect.AZURE);

    /**
     * The members with OpenAI's multipart {@code /images/edits} endpoint. Azure OpenAI serves it for
     * its GPT Image deployments (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/dall-e).
     */
    static final Set<String> IMAGE_EDITS = Set.of("openai", "azure");

    /**
     * Every request field that some member's chat endpoint charges extra for, by member
     * ({@code service_tier} on OpenAI, {@code plugins} on OpenRouter, …): what a deployment's
     * {@code allow_price_fields} may name.
     */
    public static Set<String> priceFields() {
        return ChatDialects.priceFields();
    }

    private CompatibleProfiles() {}
}
