package dev.gatehouse.server.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Budget periods: calendar days, ISO weeks and months in the budget's own time zone. */
class BudgetPeriodTest {

    @Test
    void aDayIsTheTimeZonesDay() {
        BudgetPeriod period = BudgetPeriod.of(Instant.parse("2026-11-26T23:30:00Z"), "daily", "Asia/Tokyo");
        assertEquals(Instant.parse("2026-11-26T15:00:00Z"), period.start());
        assertEquals(Instant.parse("2026-11-27T15:00:00Z"), period.end());
    }

    @Test
    void aWeekStartsOnMonday() {
        BudgetPeriod period = BudgetPeriod.of(Instant.parse("2026-11-26T12:00:00Z"), "weekly", null);
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), period.start());
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), period.end());
    }

    @Test
    void aMonthAcrossADaylightSavingChangeIsTheCalendarMonth() {
        // Berlin leaves summer time on 25 October 2026: October starts at UTC+2 and November at UTC+1.
        BudgetPeriod period = BudgetPeriod.of(Instant.parse("2026-10-31T23:30:00Z"), "monthly", "Europe/Berlin");
        assertEquals(Instant.parse("2026-10-31T23:00:00Z"), period.start(), "already November in Berlin");
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), period.end());
        BudgetPeriod october = BudgetPeriod.of(Instant.parse("2026-10-15T00:00:00Z"), "monthly", "Europe/Berlin");
        assertEquals(Instant.parse("2026-09-30T22:00:00Z"), october.start());
    }

    @Test
    void aDayThatSkipsMidnightStartsAtItsFirstInstant() {
        // Santiago moves its clocks forward at midnight: 6 September 2026 starts at 01:00 local time.
        BudgetPeriod period = BudgetPeriod.of(Instant.parse("2026-09-06T12:00:00Z"), "daily", "America/Santiago");
        assertEquals(Instant.parse("2026-09-06T04:00:00Z"), period.start());
    }

    @Test
    void aBudgetWithoutAPeriodNeverResets() {
        BudgetPeriod period = BudgetPeriod.of(Instant.parse("2026-11-26T12:00:00Z"), null, "Asia/Tokyo");
        assertEquals(Instant.EPOCH, period.start());
        assertNull(period.end());
    }
}
