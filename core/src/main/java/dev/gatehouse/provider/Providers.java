package dev.gatehouse.provider;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.Transport;
import dev.gatehouse.provider.anthropic.AnthropicProvider;
import dev.gatehouse.provider.bfl.BflProvider;
import dev.gatehouse.provider.bedrock.BedrockProvider;
import dev.gatehouse.provider.cohere.CohereProvider;
import dev.gatehouse.provider.gemini.GeminiProvider;
import dev.gatehouse.provider.mock.MockProvider;
import dev.gatehouse.provider.openai.CompatibleProfile;
import dev.gatehouse.provider.openai.CompatibleProfiles;
import dev.gatehouse.provider.openai.OpenAiProvider;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The registry of providers by id. Adding a provider is adding its package and one line here.
 */
public final class Providers {

    private static final Map<String, Function<Transport, Provider>> FACTORIES = new TreeMap<>();

    static {
        // One line per provider package: id -> factory.
        for (CompatibleProfile profile : CompatibleProfiles.ALL) {
            FACTORIES.put(profile.id(), transport -> new OpenAiProvider(transport, profile));
        }
        FACTORIES.put(CompatibleProfiles.AZURE.id(), transport -> new OpenAiProvider(transport, CompatibleProfiles.AZURE));
        FACTORIES.put("anthropic", AnthropicProvider::new);
        FACTORIES.put("bedrock", BedrockProvider::new);
        FACTORIES.put("bfl", BflProvider::new);
        FACTORIES.put("cohere", CohereProvider::new);
        FACTORIES.put("vertex_anthropic", AnthropicProvider::vertex); // Claude on Vertex AI: same mapping, another door
        FACTORIES.put("gemini", GeminiProvider::new);
        FACTORIES.put("vertex", GeminiProvider::vertex); // Gemini models on Vertex AI: same mapping, another door
        FACTORIES.put("mock", MockProvider::new);
    }

    private Providers() {}

    /** The ids of every provider Gatehouse knows. */
    public static Set<String> ids() {
        return java.util.Collections.unmodifiableSet(FACTORIES.keySet());
    }

    public static boolean isKnown(String id) {
        return FACTORIES.containsKey(id);
    }

    /** A provider instance for {@code id}, calling upstreams through {@code transport}. */
    public static Provider provider(String id, Transport transport) {
        Function<Transport, Provider> factory = FACTORIES.get(id);
        if (factory == null) {
            throw new GatewayException.BadRequest("unknown provider '" + id + "'; known: " + FACTORIES.keySet(), null);
        }
        return factory.apply(transport);
    }

    /** The chat provider for {@code id}; fails for a provider that does not serve chat. */
    public static ChatProvider create(String id, Transport transport) {
        if (provider(id, transport) instanceof ChatProvider chat) {
            return chat;
        }
        throw new GatewayException.BadRequest("provider '" + id + "' does not serve chat completions", null);
    }
}
