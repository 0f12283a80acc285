package dev.gatehouse.server.spend;

import java.util.Locale;

/**
 * The strongest thing the guardrails did to one request, as its spend row says it
 * ({@code spend_log.guardrail}; docs/guardrails.md, "What is recorded"). In order of strength:
 * a row keeps the strongest action taken on the request, on its input or its answer.
 */
public enum GuardrailFlag {
    /** Something was found and only counted. */
    LOGGED,
    /** Some text was masked or replaced (by a built-in check or a guardrail service) and the request went on. */
    MASKED,
    /** The request was refused, or its answer withheld. */
    BLOCKED;

    /** The column's value. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stronger of two flags; either may be null (none). */
    static GuardrailFlag strongest(GuardrailFlag a, GuardrailFlag b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
