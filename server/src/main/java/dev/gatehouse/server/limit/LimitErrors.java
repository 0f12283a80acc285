package dev.gatehouse.server.limit;

import dev.gatehouse.api.GatewayException;

/** The limiter's refusals other than a full rate window (that is {@link GatewayException.RateLimited}). */
final class LimitErrors {

    private LimitErrors() {}

    /**
     * A spent budget: 429 on every route, OpenAI's {@code insufficient_quota} (what OpenAI answers
     * an account out of credit), sent with {@code x-should-retry: false}. Not
     * {@link GatewayException.RateLimited}: that is an upstream's limit, which Anthropic's route
     * turns into a 402 {@code billing_error}; a budget is the caller's own limit and is a 429 on
     * both routes (docs/limits.md says why).
     */
    static final class BudgetSpent extends GatewayException.PolicyViolation {
        BudgetSpent(String message) {
            super(message, null);
        }

        @Override public int status() { return 429; }
        @Override public String type() { return "insufficient_quota"; }
        @Override public String code() { return "insufficient_quota"; }
    }

    /** Redis is down and {@code on_failure: closed}: a limited key is refused rather than let past its limits. */
    static final class Unavailable extends GatewayException.PolicyViolation {
        Unavailable() {
            super("The shared store of budgets and rate limits is unavailable, and this gateway refuses limited"
                    + " requests until it is back (redis on_failure: closed). Try again shortly.", null);
        }

        @Override public int status() { return 503; }
        @Override public String type() { return "api_error"; }
        @Override public String code() { return "limits_unavailable"; }
    }
}
