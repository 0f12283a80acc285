package dev.gatehouse.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The budget and rate settings of a key or a team. Stored with the key; enforced by the spend
 * and rate-limit layer. Every field is optional (null: no limit of that kind).
 *
 * @param maxBudget      the most it may spend per period, in US dollars; a request over it is refused
 * @param softBudget     a spend at which an alert is raised, nothing refused
 * @param budgetPeriod   {@code daily}, {@code weekly}, {@code monthly}, or null for a budget that never resets
 * @param budgetTimezone the time zone the period resets in (IANA name), UTC when null
 * @param rpm            requests per minute
 * @param tpm            tokens per minute
 * @param maxParallel    requests in flight at once
 */
public record Limits(BigDecimal maxBudget, BigDecimal softBudget, String budgetPeriod, String budgetTimezone,
        Integer rpm, Long tpm, Integer maxParallel) {

    public static final Limits NONE = new Limits(null, null, null, null, null, null, null);
    public static final List<String> FIELDS = List.of("max_budget", "soft_budget", "budget_duration", "budget_timezone",
            "rpm_limit", "tpm_limit", "max_parallel_requests");
    private static final Set<String> PERIODS = Set.of("daily", "weekly", "monthly");

    public Limits {
        if (maxBudget != null && maxBudget.signum() < 0) {
            throw new IllegalArgumentException("max_budget must not be negative");
        }
        if (softBudget != null && softBudget.signum() < 0) {
            throw new IllegalArgumentException("soft_budget must not be negative");
        }
        if (budgetPeriod != null && !PERIODS.contains(budgetPeriod)) {
            throw new IllegalArgumentException("budget_duration must be daily, weekly or monthly");
        }
        if (budgetTimezone != null) {
            try {
                ZoneId.of(budgetTimezone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("budget_timezone '" + budgetTimezone + "' is not a time zone name"
                        + " such as Europe/Berlin");
            }
        }
        if (rpm != null && rpm < 0 || tpm != null && tpm < 0 || maxParallel != null && maxParallel < 0) {
            throw new IllegalArgumentException("rpm_limit, tpm_limit and max_parallel_requests must not be negative");
        }
    }

    /** Reads the fields of {@link #FIELDS} present in {@code node}, over {@code base}. */
    public static Limits read(JsonNode node, Limits base) {
        return new Limits(
                decimal(node, "max_budget", base.maxBudget), decimal(node, "soft_budget", base.softBudget),
                text(node, "budget_duration", base.budgetPeriod), text(node, "budget_timezone", base.budgetTimezone),
                integer(node, "rpm_limit", base.rpm), longValue(node, "tpm_limit", base.tpm),
                integer(node, "max_parallel_requests", base.maxParallel));
    }

    public ObjectNode write(ObjectNode into) {
        into.put("max_budget", maxBudget);
        into.put("soft_budget", softBudget);
        into.put("budget_duration", budgetPeriod);
        into.put("budget_timezone", budgetTimezone);
        into.put("rpm_limit", rpm);
        into.put("tpm_limit", tpm);
        into.put("max_parallel_requests", maxParallel);
        return into;
    }

    String toJson() {
        return Json.text(write(Json.object()));
    }

    static Limits fromJson(String json) {
        return read(Json.parseUpstream(json, "store"), NONE);
    }

    private static BigDecimal decimal(JsonNode node, String name, BigDecimal fallback) {
        JsonNode value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        return value.decimalValue();
    }

    private static String text(JsonNode node, String name, String fallback) {
        JsonNode value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value.asText();
    }

    private static Integer integer(JsonNode node, String name, Integer fallback) {
        Long value = longValue(node, name, fallback == null ? null : fallback.longValue());
        if (value != null && value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too large");
        }
        return value == null ? null : value.intValue();
    }

    private static Long longValue(JsonNode node, String name, Long fallback) {
        JsonNode value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        return value.asLong();
    }
}
