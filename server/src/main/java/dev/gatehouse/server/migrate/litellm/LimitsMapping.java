package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.server.auth.Limits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LiteLLM's budget and rate columns ({@code max_budget}, {@code soft_budget}, {@code budget_duration},
 * {@code tpm_limit}, {@code rpm_limit}, {@code max_parallel_requests}) as Gatehouse {@link Limits},
 * with a note for everything that did not carry over exactly.
 */
final class LimitsMapping {

    /** LiteLLM's durations: a number and s, m, h, d, w or mo (its {@code duration_in_seconds}). */
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d|w|mo)");

    private LimitsMapping() {}

    /**
     * The limits of a LiteLLM row. A budget whose period Gatehouse can not express is left out (kept
     * without its period it would become a lifetime cap, far stricter) and noted.
     */
    static Limits limits(LiteLlmRow row, List<String> notes) {
        BigDecimal maxBudget = row.money("max_budget");
        BigDecimal softBudget = row.money("soft_budget");
        String duration = row.text("budget_duration");
        String period = null;
        if (duration != null && !duration.isBlank()) {
            Optional<String> mapped = period(duration);
            if (mapped.isEmpty()) {
                if (maxBudget != null || softBudget != null) {
                    notes.add("budget not imported: LiteLLM resets it every '" + duration + "', Gatehouse daily,"
                            + " weekly or monthly only (max_budget " + plain(maxBudget) + ")");
                }
                maxBudget = null;
                softBudget = null;
            } else {
                period = mapped.get();
                if (maxBudget != null || softBudget != null) {
                    notes.add("budget resets " + period + " at the start of the calendar " + switch (period) {
                        case "daily" -> "day";
                        case "weekly" -> "week";
                        default -> "month";
                    } + " (UTC), not " + duration + " after LiteLLM's last reset");
                }
            }
        }
        Integer rpm = null;
        Long rpmLimit = row.whole("rpm_limit");
        if (rpmLimit != null && rpmLimit > Integer.MAX_VALUE) {
            notes.add("rpm_limit " + rpmLimit + " not imported: above Gatehouse's largest (" + Integer.MAX_VALUE + ")");
        } else if (rpmLimit != null) {
            rpm = rpmLimit.intValue();
        }
        Long parallel = row.whole("max_parallel_requests");
        return new Limits(maxBudget, softBudget, period, null, rpm, row.whole("tpm_limit"),
                parallel == null ? null : (int) Math.min(parallel, Integer.MAX_VALUE));
    }

    /** Whether the row has any budget or rate of its own. */
    static boolean hasAny(LiteLlmRow row) {
        return row.has("max_budget") || row.has("soft_budget") || row.has("tpm_limit") || row.has("rpm_limit")
                || row.has("max_parallel_requests") || row.has("budget_duration");
    }

    /** LiteLLM's period as Gatehouse's, if it has one: the mapping the /key routes use too (docs/admin-api.md). */
    static Optional<String> period(String duration) {
        return switch (duration.strip()) {
            case "1d", "24h", "daily" -> Optional.of("daily");
            case "7d", "1w", "weekly" -> Optional.of("weekly");
            case "30d", "1mo", "monthly" -> Optional.of("monthly");
            default -> Optional.empty();
        };
    }

    /**
     * When LiteLLM's current budget period began: its next reset minus one period. Empty when the
     * row has no period (its spend is then everything it ever spent) or it can not be read.
     */
    static Optional<Instant> periodStart(LiteLlmRow row) {
        String duration = row.text("budget_duration");
        Instant reset = row.time("budget_reset_at");
        if (duration == null || reset == null) {
            return Optional.empty();
        }
        Matcher matcher = DURATION.matcher(duration.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "mo" -> reset.atZone(ZoneOffset.UTC).minusMonths(amount).toInstant();
            case "w" -> reset.minus(Duration.ofDays(7 * amount));
            case "d" -> reset.minus(Duration.ofDays(amount));
            case "h" -> reset.minus(Duration.ofHours(amount));
            case "m" -> reset.minus(Duration.ofMinutes(amount));
            default -> reset.minus(Duration.ofSeconds(amount));
        });
    }

    static String plain(BigDecimal amount) {
        return amount == null ? "none" : "$" + amount.toPlainString();
    }
}
