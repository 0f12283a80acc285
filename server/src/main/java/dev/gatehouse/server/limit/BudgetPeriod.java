package dev.gatehouse.server.limit;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The budget period an instant falls in: a calendar day, an ISO week (Monday to Sunday) or a
 * calendar month in the budget's time zone, or for a budget without a period, all time.
 *
 * @param start the first instant of the period (inclusive)
 * @param end   the first instant of the next period; null for a budget that never resets
 */
record BudgetPeriod(Instant start, Instant end) {

    /** The period of {@code now} for a budget of {@code duration} (daily, weekly, monthly or null) in {@code zone}. */
    static BudgetPeriod of(Instant now, String duration, String zone) {
        if (duration == null) {
            return new BudgetPeriod(Instant.EPOCH, null);
        }
        ZoneId id = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        LocalDate today = LocalDate.ofInstant(now, id);
        LocalDate first = switch (duration) {
            case "daily" -> today;
            case "weekly" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "monthly" -> today.withDayOfMonth(1);
            default -> throw new IllegalArgumentException("unknown budget_duration " + duration);
        };
        LocalDate next = switch (duration) {
            case "daily" -> first.plusDays(1);
            case "weekly" -> first.plusWeeks(1);
            default -> first.plusMonths(1);
        };
        // atStartOfDay(zone) handles days that do not start at midnight (a DST change at 00:00).
        return new BudgetPeriod(first.atStartOfDay(id).toInstant(), next.atStartOfDay(id).toInstant());
    }

    /** A name for the period in counter names: its start in epoch seconds. */
    String id() {
        return Long.toString(start.getEpochSecond());
    }
}
