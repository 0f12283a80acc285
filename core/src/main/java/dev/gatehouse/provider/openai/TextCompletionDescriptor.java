package dev.gatehouse.provider.openai;

import dev.gatehouse.provider.LiteLlmPrefix;
import dev.gatehouse.provider.OptionCheck;
import dev.gatehouse.provider.ProviderDescriptor;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's legacy Completions API as a provider of its own ({@link TextCompletionProvider}), and
 * LiteLLM's {@code text-completion-openai/} prefix: OpenAI itself, or, with an api_base, any
 * server that serves {@code /completions} in OpenAI's format (vLLM).
 */
public final class TextCompletionDescriptor {

    public static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(List.of(TextCompletionProvider.ID),
            id -> new TextCompletionProvider(), OptionCheck.NONE, List.of(), Map.of(),
            List.of(LiteLlmPrefix.of("text-completion-openai", TextCompletionProvider.ID)),
            id -> new ProviderDescriptor.Reach(TextCompletionProvider.PROFILE.defaultBaseUrl(), false, false));

    private TextCompletionDescriptor() {}
}
