package dev.gatehouse.server.limit;

import dev.gatehouse.api.GatewayException;

/** The limiter's own refusals that are not a 429 (those are {@link GatewayException.RateLimited}). */
final class LimitErrors {

    private LimitErrors() {}

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
