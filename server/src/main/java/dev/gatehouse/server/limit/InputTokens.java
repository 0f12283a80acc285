package dev.gatehouse.server.limit;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.server.spend.Tokenizer;

/**
 * How many input tokens a request is expected to have, before it is sent: {@link #COUNTED}
 * counts a chat request's text with the spend log's {@link Tokenizer}; {@link #ESTIMATE} is core's
 * {@link TokenEstimator} (characters / 4), cheaper and rougher.
 */
public interface InputTokens {

    long of(ChatRequest request);

    /** Tokens in plain text (embedding input, an image prompt, a rerank query), by the same rule. */
    long ofText(long characters);

    /** Chat requests counted with o200k_base; plain text (known only by its length here) by characters / 4. */
    InputTokens COUNTED = new InputTokens() {
        @Override
        public long of(ChatRequest request) {
            return Tokenizer.prompt(request);
        }

        @Override
        public long ofText(long characters) {
            return (characters + 3) / 4;
        }
    };

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
