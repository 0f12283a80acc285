package dev.gatehouse.server.limit;

import dev.gatehouse.server.auth.Limits;
import java.util.Objects;

/**
 * The {@code limits:} section (docs/limits.md): what the limiter assumes where a key, a team or
 * the price table says nothing.
 *
 * @param defaultMaxOutputTokens the output a request without {@code max_tokens} is reserved for when the price
 *                               table knows no maximum output for its model
 * @param budgetMaxParallelRequests requests in flight at once for a key or team with a {@code max_budget} and no
 *                               {@code max_parallel_requests} of its own; 0: no such bound
 * @param endUserDefaults        the limits of an end user no admin has created, each such end user held to
 *                               them on its own (LiteLLM's {@code max_end_user_budget}); {@link Limits#NONE}: none
 */
public record LimitSettings(int defaultMaxOutputTokens, int budgetMaxParallelRequests, Limits endUserDefaults) {

    /** Settings without limits for end users no admin has created. */
    public LimitSettings(int defaultMaxOutputTokens, int budgetMaxParallelRequests) {
        this(defaultMaxOutputTokens, budgetMaxParallelRequests, Limits.NONE);
    }

    /**
     * 32,768 output tokens: most current models the price table lists can write between 32,768
     * and 128,000 tokens, so the old 4,096 undercounted nearly every one of them. 20 requests in
     * flight: a budget's reservations can only be outrun by requests that write more than they
     * reserved, and this bounds how many do so at once.
     */
    public static final LimitSettings DEFAULTS = new LimitSettings(32_768, 20);

    public LimitSettings {
        if (defaultMaxOutputTokens < 1) {
            throw new IllegalArgumentException("defaultMaxOutputTokens must be at least 1");
        }
        if (budgetMaxParallelRequests < 0) {
            throw new IllegalArgumentException("budgetMaxParallelRequests must not be negative");
        }
        Objects.requireNonNull(endUserDefaults, "endUserDefaults");
    }
}
