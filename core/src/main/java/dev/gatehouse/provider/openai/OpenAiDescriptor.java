package dev.gatehouse.provider.openai;

import dev.gatehouse.provider.LiteLlmPrefix;
import dev.gatehouse.provider.ProviderDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI, Azure OpenAI and the OpenAI-compatible family ({@link CompatibleProfiles}), one
 * {@link OpenAiProvider} per profile.
 */
public final class OpenAiDescriptor {

    /** LiteLLM's {@code openai/} with an api_base elsewhere than here is any OpenAI-compatible server. */
    static final String OPENAI_HOST = "api.openai.com";

    private static final Map<String, CompatibleProfile> PROFILES = profiles();

    public static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.of(List.copyOf(PROFILES.keySet()),
            id -> new OpenAiProvider(PROFILES.get(id)),
            (id, written) -> id.equals(CompatibleProfiles.AZURE.id()) ? AzureSettings.check(written) : List.of(),
            List.of(new OpenAiPrefix(),
                    LiteLlmPrefix.of("xai", "xai"),
                    LiteLlmPrefix.of("mistral", "mistral"),
                    LiteLlmPrefix.of("groq", "groq"),
                    LiteLlmPrefix.of("deepseek", "deepseek"),
                    LiteLlmPrefix.of("together_ai", "together"),
                    LiteLlmPrefix.of("fireworks_ai", "fireworks"),
                    LiteLlmPrefix.of("openrouter", "openrouter"),
                    LiteLlmPrefix.of("perplexity", "perplexity"),
                    LiteLlmPrefix.withV1("ollama", "ollama"),
                    LiteLlmPrefix.withV1("ollama_chat", "ollama"),
                    // hosted_vllm is a vLLM server; LiteLLM's vllm/ prefix runs the vllm Python library in-process instead.
                    LiteLlmPrefix.of("hosted_vllm", "vllm"),
                    LiteLlmPrefix.of("azure", "azure")));

    private OpenAiDescriptor() {}

    private static Map<String, CompatibleProfile> profiles() {
        Map<String, CompatibleProfile> byId = new LinkedHashMap<>();
        for (CompatibleProfile profile : CompatibleProfiles.ALL) {
            byId.put(profile.id(), profile);
        }
        byId.put(CompatibleProfiles.AZURE.id(), CompatibleProfiles.AZURE);
        return byId;
    }

    /** LiteLLM's {@code openai/}: OpenAI itself, or any compatible server once api_base points elsewhere. */
    private record OpenAiPrefix() implements LiteLlmPrefix {
        @Override
        public String prefix() {
            return "openai";
        }

        @Override
        public String provider(String apiBaseHost) {
            return apiBaseHost == null || apiBaseHost.equals(OPENAI_HOST) ? "openai" : "openai_compatible";
        }
    }
}
