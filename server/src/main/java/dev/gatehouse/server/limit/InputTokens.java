package dev.gatehouse.server.limit;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.server.spend.Tokenizer;

/**
 * How many input tokens a request is expected to have, before it is sent: {@link #COUNTED}
 * counts a chat request's text with the spend log's {@link Tokenizer}; {@link #ESTIMATE} is core's
 * {@link TokenEstimator} (characters / 4), cheaper and rougher.
 */
@FunctionalInterface
public interface InputTokens {

    long of(ChatRequest request);

    /** Tokens in plain text known only by its length (embedding input, an image prompt, a rerank query). */
    default long ofText(long characters) {
        return (characters + TokenEstimator.CHARS_PER_TOKEN - 1) / TokenEstimator.CHARS_PER_TOKEN;
    }

    /** Chat requests counted with o200k_base. */
    InputTokens COUNTED = Tokenizer::prompt;

    /** Chat requests by characters / 4. */
    InputTokens ESTIMATE = TokenEstimator.CHARACTERS::estimate;
}
