package dev.gatehouse.server.limit;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.provider.TokenEstimator;

/**
 * How many input tokens a request is expected to have, before it is sent: the one place a
 * tokenizer plugs in. Until one does, core's {@link TokenEstimator} (characters / 4).
 */
public interface InputTokens {

    long of(ChatRequest request);

    /** Tokens in plain text (embedding input, an image prompt, a rerank query), by the same rule. */
    long ofText(long characters);

    InputTokens ESTIMATE = new InputTokens() {
        @Override
        public long of(ChatRequest request) {
            return TokenEstimator.estimate(request);
        }

        @Override
        public long ofText(long characters) {
            return (characters + 3) / 4;
        }
    };
}
