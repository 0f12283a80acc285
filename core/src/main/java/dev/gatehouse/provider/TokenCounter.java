package dev.gatehouse.provider;

import dev.gatehouse.api.ChatRequest;

/**
 * An optional capability of a {@link ChatProvider}: counting a request's input tokens exactly,
 * with the upstream's own tokenizer, without generating anything.
 */
public interface TokenCounter {

    /** Whether this deployment's upstream counts tokens (a provider may serve it only on some platforms). */
    default boolean countsTokensFor(Deployment deployment) {
        return true;
    }

    /** The input tokens of {@code request} (which already names the upstream model). */
    int countInputTokens(ChatRequest request, Upstream upstream);
}
