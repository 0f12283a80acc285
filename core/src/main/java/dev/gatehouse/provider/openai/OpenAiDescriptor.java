package dev.gatehouse.provider.openai;

import dev.gatehouse.provider.LiteLlmPrefix;
import dev.gatehouse.provider.OptionCheck;
import dev.gatehouse.provider.ProviderDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * OpenAI, Azure OpenAI and the OpenAI-compatible family ({@link CompatibleProfiles}), one
 * {@link OpenAiProvider} per profile.
 */
public final class OpenAiDescriptor {

    /** LiteLLM's {@code openai/} with an api_base elsewhere than here is any OpenAI-compatible server. */
    static final String OPENAI_HOST = "api.openai.com";

    private static final Map<String, CompatibleProfile> PROFILES = profiles();

    /** Ollama's OpenAI endpoint takes no key. */
    private static final String KEYLESS = "ollama";

    public static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(List.copyOf(PROFILES.keySet()),
            id -> new OpenAiProvider(PROFILES.get(id)),
            OpenAiDescriptor::check,
            List.of(), Map.of(),
            List.of(
                    // LiteLLM's openai/: OpenAI itself, or any compatible server once api_base points elsewhere.
                    new LiteLlmPrefix("openai", host -> host == null || host.equals(OPENAI_HOST) ? "openai"
                            : "openai_compatible", UnaryOperator.identity(), false),
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
                    LiteLlmPrefix.of("azure", "azure")),
            OpenAiDescriptor::reach);

    private OpenAiDescriptor() {}

    /** Azure's own settings; on OpenAI and Azure, the option that turns the Responses API as written off. */
    private static List<OptionCheck.Problem> check(String id, OptionCheck.Written written) {
        List<OptionCheck.Problem> problems = new ArrayList<>();
        if (id.equals(CompatibleProfiles.AZURE.id())) {
            problems.addAll(AzureSettings.check(written));
        }
        if (id.equals(CompatibleProfiles.AZURE.id()) || id.equals(CompatibleProfiles.OPENAI.id())) {
            problems.addAll(ResponsesOption.check(written));
        }
        return problems;
    }

    /**
     * A member's default address is configuration, checked like a base URL (Ollama's is on the
     * local machine); a member without one (vLLM, any compatible server) is self-hosted. Azure has
     * none either, but every Azure resource is public and its check asks for the address itself.
     */
    private static ProviderDescriptor.Reach reach(String id) {
        CompatibleProfile profile = PROFILES.get(id);
        boolean selfHosted = profile.defaultBaseUrl() == null && profile != CompatibleProfiles.AZURE;
        return new ProviderDescriptor.Reach(profile.defaultBaseUrl(), selfHosted, id.equals(KEYLESS));
    }

    private static Map<String, CompatibleProfile> profiles() {
        Map<String, CompatibleProfile> byId = new LinkedHashMap<>();
        for (CompatibleProfile profile : CompatibleProfiles.ALL) {
            byId.put(profile.id(), profile);
        }
        byId.put(CompatibleProfiles.AZURE.id(), CompatibleProfiles.AZURE);
        return byId;
    }
}
