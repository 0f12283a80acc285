package dev.gatehouse.server.config;

import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.limit.LimitSettings;
import java.util.List;

/** Reads the {@code limits:} section: the limiter's defaults where keys, teams and prices say nothing. */
final class LimitsSection {

    static final List<String> KEYS = List.of("default_max_output_tokens", "budget_max_parallel_requests",
            "end_user_defaults");

    private LimitsSection() {}

    static LimitSettings read(Located at, Findings findings) {
        LimitSettings defaults = LimitSettings.DEFAULTS;
        Fields fields = new Fields(findings);
        if (!fields.isSection(at, KEYS)) {
            return defaults;
        }
        Long maxOutput = fields.integer(at.get("default_max_output_tokens"), 1, 10_000_000);
        Long parallel = fields.integer(at.get("budget_max_parallel_requests"), 0, 1_000_000);
        return new LimitSettings(maxOutput != null ? maxOutput.intValue() : defaults.defaultMaxOutputTokens(),
                parallel != null ? parallel.intValue() : defaults.budgetMaxParallelRequests(),
                endUserDefaults(at.get("end_user_defaults"), fields, findings));
    }

    /**
     * {@code end_user_defaults:}, the limits of an end user no admin has created (docs/limits.md,
     * "End users"), with the fields of a key's or team's limits.
     */
    private static Limits endUserDefaults(Located at, Fields fields, Findings findings) {
        if (!fields.isSection(at, Limits.FIELDS)) {
            return Limits.NONE;
        }
        try {
            return Limits.read(at.value(), Limits.NONE);
        } catch (IllegalArgumentException e) {
            findings.problem(at, e.getMessage());
            return Limits.NONE;
        }
    }
}
