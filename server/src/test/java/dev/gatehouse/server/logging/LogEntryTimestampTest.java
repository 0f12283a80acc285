package dev.gatehouse.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Log timestamps: ISO-8601 in UTC to the millisecond, always 24 characters wide. */
class LogEntryTimestampTest {

    @Test
    void millisecondsAreZeroPaddedToThreeDigits() {
        assertEquals("2026-12-07T06:10:00.005Z", at("2026-12-07T06:10:00.005Z"));
        assertEquals("2026-12-07T06:10:00.050Z", at("2026-12-07T06:10:00.050Z"));
        assertEquals("2026-12-07T06:10:00.123Z", at("2026-12-07T06:10:00.123999Z"));
        assertEquals("2026-12-07T06:10:00.000Z", at("2026-12-07T06:10:00Z"));
    }

    @Test
    void eachSecondHasItsOwnDateAndTime() {
        assertEquals("2026-12-07T06:10:59.999Z", at("2026-12-07T06:10:59.999Z"));
        assertEquals("2026-12-07T06:11:00.001Z", at("2026-12-07T06:11:00.001Z"));
        assertEquals("2027-01-01T00:00:00.000Z", at("2027-01-01T00:00:00Z"));
        // Back to an earlier second: the remembered one is not reused for it.
        assertEquals("2026-12-07T06:10:59.000Z", at("2026-12-07T06:10:59Z"));
    }

    private static String at(String instant) {
        return new LogEntry(Instant.parse(instant), "INFO", "", "", Map.of(), false).timestamp();
    }
}
