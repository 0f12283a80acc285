package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.limit.LimitSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code limits:} section: read, defaulted, and refused out of range, naming the setting. */
class LimitsConfigTest {

    private static ConfigLoader.Loaded parse(String yaml) {
        return Configs.loader().parse(yaml, "test.yaml");
    }

    @Test
    void limitSettingsAreReadAndDefaulted() {
        ConfigLoader.Loaded loaded = parse("""
                limits:
                  default_max_output_tokens: 8192
                  budget_max_parallel_requests: 0
                models:
                  - name: m
                    provider: mock
                    model: mock
                """);
        assertEquals(List.of(), loaded.problems());
        assertEquals(new LimitSettings(8192, 0), loaded.config().limits());
        assertEquals(LimitSettings.DEFAULTS, parse("models: []").config().limits());
    }

    @Test
    void endUsersNoAdminCreatedGetTheDefaultLimitsConfigured() {
        ConfigLoader.Loaded loaded = parse("""
                limits:
                  end_user_defaults:
                    max_budget: 2.5
                    budget_duration: daily
                    rpm_limit: 30
                models: []
                """);
        assertEquals(List.of(), loaded.problems());
        assertEquals(new Limits(new java.math.BigDecimal("2.5"), null, "daily", null, 30, null, null),
                loaded.config().limits().endUserDefaults());
        assertEquals(Limits.NONE, parse("models: []").config().limits().endUserDefaults());
        String problems = parse("""
                limits:
                  end_user_defaults:
                    budget_duration: hourly
                    rpm: 3
                models: []
                """).problems().toString();
        assertTrue(problems.contains("limits.end_user_defaults.rpm"), problems);
        assertTrue(problems.contains("budget_duration must be daily, weekly or monthly"), problems);
    }

    @Test
    void outOfRangeOrUnknownSettingsAreProblems() {
        ConfigLoader.Loaded loaded = parse("""
                limits:
                  default_max_output_tokens: 0
                  budget_max_parallel: 4
                models: []
                """);
        String problems = loaded.problems().toString();
        assertTrue(problems.contains("limits.default_max_output_tokens"), problems);
        assertTrue(problems.contains("budget_max_parallel"), problems);
    }
}
