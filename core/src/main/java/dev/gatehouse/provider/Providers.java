package dev.gatehouse.provider;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.anthropic.AnthropicDescriptor;
import dev.gatehouse.provider.bedrock.BedrockDescriptor;
import dev.gatehouse.provider.bfl.BflDescriptor;
import dev.gatehouse.provider.cohere.CohereDescriptor;
import dev.gatehouse.provider.gemini.GeminiDescriptor;
import dev.gatehouse.provider.mock.MockDescriptor;
import dev.gatehouse.provider.openai.OpenAiDescriptor;
import dev.gatehouse.provider.openai.TextCompletionDescriptor;
import dev.gatehouse.provider.sagemaker.SageMakerDescriptor;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry of providers: every provider package's {@link ProviderDescriptor}, in one list.
 * Adding a provider is adding its package and one line here (docs/development.md, Adding a
 * provider).
 */
public final class Providers {

    /** One line per provider package. */
    private static final List<ProviderDescriptor> ALL = List.of(
            OpenAiDescriptor.DESCRIPTOR,
            TextCompletionDescriptor.DESCRIPTOR,
            AnthropicDescriptor.DESCRIPTOR,
            GeminiDescriptor.DESCRIPTOR,
            BedrockDescriptor.DESCRIPTOR,
            SageMakerDescriptor.DESCRIPTOR,
            CohereDescriptor.DESCRIPTOR,
            BflDescriptor.DESCRIPTOR,
            MockDescriptor.DESCRIPTOR);

    private static final Map<String, ProviderDescriptor> BY_ID = new TreeMap<>();
    private static final Map<String, LiteLlmPrefix> BY_PREFIX = new HashMap<>();

    static {
        for (ProviderDescriptor descriptor : ALL) {
            for (String id : descriptor.ids()) {
                if (BY_ID.put(id, descriptor) != null) {
                    throw new IllegalStateException("two providers are registered as '" + id + "'");
                }
            }
            for (LiteLlmPrefix prefix : descriptor.liteLlm()) {
                if (BY_PREFIX.put(prefix.prefix(), prefix) != null) {
                    throw new IllegalStateException("two providers serve LiteLLM's prefix '" + prefix.prefix() + "'");
                }
            }
        }
    }

    private Providers() {}

    /** The ids of every provider Gatehouse knows, in alphabetical order. */
    public static Set<String> ids() {
        return Collections.unmodifiableSet(BY_ID.keySet());
    }

    public static boolean isKnown(String id) {
        return BY_ID.containsKey(id);
    }

    /** The descriptor of the package that serves {@code id}; fails for an unknown id. */
    public static ProviderDescriptor descriptor(String id) {
        ProviderDescriptor descriptor = BY_ID.get(id);
        if (descriptor == null) {
            throw new GatewayException.BadRequest("unknown provider '" + id + "'; known: " + BY_ID.keySet(), null);
        }
        return descriptor;
    }

    /** The descriptor serving LiteLLM's {@code prefix}, or null when Gatehouse serves none yet. */
    public static LiteLlmPrefix liteLlmPrefix(String prefix) {
        return BY_PREFIX.get(prefix);
    }

    /** A provider instance for {@code id}; each attempt hands it the transport to call through. */
    public static Provider provider(String id) {
        return descriptor(id).factory().apply(id);
    }

    /** The chat provider for {@code id}; fails for a provider that does not serve chat. */
    public static ChatProvider create(String id) {
        if (provider(id) instanceof ChatProvider chat) {
            return chat;
        }
        throw new GatewayException.BadRequest("provider '" + id + "' does not serve chat completions", null);
    }
}
