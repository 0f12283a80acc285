package dev.gatehouse.provider.cohere;

import dev.gatehouse.provider.LiteLlmPrefix;
import dev.gatehouse.provider.OptionCheck;
import dev.gatehouse.provider.ProviderDescriptor;
import java.util.List;

/** Cohere's v2 API: chat, rerank and embeddings ({@code cohere}). */
public final class CohereDescriptor {

    public static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.of(List.of("cohere"),
            id -> new CohereProvider(), OptionCheck.NONE,
            List.of(LiteLlmPrefix.of("cohere", "cohere"), LiteLlmPrefix.of("cohere_chat", "cohere")));

    private CohereDescriptor() {}
}
