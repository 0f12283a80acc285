package dev.gatehouse.catalog;

import java.util.List;
import java.util.Map;

/**
 * Which Gatehouse provider serves the models LiteLLM's price map files under each of its
 * {@code litellm_provider} ids, and the key prefixes it writes for them. An id that is not here is
 * a provider Gatehouse does not serve (azure_ai, sagemaker, vercel_ai_gateway, …): its entries are
 * left out of the catalog and counted. The Gatehouse side follows the LiteLLM prefixes each
 * provider package registers; CatalogProvidersTest checks every id here is a Gatehouse provider.
 */
final class LiteLlmProviders {

    private static final Map<String, String> GATEHOUSE_ID = Map.ofEntries(
            Map.entry("openai", "openai"),
            Map.entry("text-completion-openai", "openai_text_completion"),
            Map.entry("anthropic", "anthropic"),
            Map.entry("gemini", "gemini"),
            Map.entry("vertex_ai-language-models", "vertex"),
            Map.entry("vertex_ai-anthropic_models", "vertex_anthropic"),
            Map.entry("bedrock", "bedrock"),
            Map.entry("bedrock_converse", "bedrock"),
            Map.entry("azure", "azure"),
            Map.entry("xai", "xai"),
            Map.entry("mistral", "mistral"),
            Map.entry("groq", "groq"),
            Map.entry("deepseek", "deepseek"),
            Map.entry("together_ai", "together"),
            Map.entry("fireworks_ai", "fireworks"),
            Map.entry("openrouter", "openrouter"),
            Map.entry("perplexity", "perplexity"),
            Map.entry("ollama", "ollama"),
            Map.entry("cohere", "cohere"),
            Map.entry("cohere_chat", "cohere"),
            Map.entry("black_forest_labs", "bfl"));

    /** The prefixes LiteLLM writes before a model of each Gatehouse provider, longest first. */
    private static final Map<String, List<String>> PREFIXES = Map.ofEntries(
            Map.entry("openai", List.of("openai/")),
            Map.entry("openai_text_completion", List.of("text-completion-openai/")),
            Map.entry("anthropic", List.of("anthropic/")),
            Map.entry("gemini", List.of("gemini/")),
            Map.entry("vertex", List.of("vertex_ai/")),
            Map.entry("vertex_anthropic", List.of("vertex_ai/")),
            Map.entry("bedrock", List.of("bedrock/converse/", "bedrock/")),
            Map.entry("azure", List.of("azure/")),
            Map.entry("xai", List.of("xai/")),
            Map.entry("mistral", List.of("mistral/")),
            Map.entry("groq", List.of("groq/")),
            Map.entry("deepseek", List.of("deepseek/")),
            Map.entry("together", List.of("together_ai/")),
            Map.entry("fireworks", List.of("fireworks_ai/")),
            Map.entry("openrouter", List.of("openrouter/")),
            Map.entry("perplexity", List.of("perplexity/")),
            Map.entry("ollama", List.of("ollama_chat/", "ollama/")),
            Map.entry("cohere", List.of("cohere_chat/", "cohere/")),
            Map.entry("bfl", List.of("black_forest_labs/")));

    private LiteLlmProviders() {}

    /** The Gatehouse provider of {@code liteLlmProvider}, or null when Gatehouse does not serve it. */
    static String gatehouseId(String liteLlmProvider) {
        return GATEHOUSE_ID.get(liteLlmProvider);
    }

    /** Every Gatehouse provider id the map's entries can be filed under. */
    static java.util.Collection<String> gatehouseIds() {
        return GATEHOUSE_ID.values();
    }

    /** {@code name} without the LiteLLM prefix of {@code provider}, or as it is when it has none. */
    static String withoutPrefix(String provider, String name) {
        for (String prefix : PREFIXES.getOrDefault(provider, List.of())) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }
}
