package dev.gatehouse.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads retry hints: the {@code retry-after} header (seconds or an HTTP date) and duration strings such as "37s". */
public final class RetryAfter {

    private RetryAfter() {}

    /** A {@code retry-after} value: delay seconds or an HTTP date; null when absent or unreadable. */
    public static Duration parseHeader(String value, java.time.Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            double seconds = Double.parseDouble(trimmed);
            return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration delay = Duration.between(clock.instant(), at.toInstant());
                return delay.isNegative() ? Duration.ZERO : delay;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** A protobuf-style duration string ("37s", "1.5s"), as Gemini's RetryInfo gives; null when unreadable. */
    public static Duration parseSeconds(String value) {
        if (value == null || !value.endsWith("s")) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.substring(0, value.length() - 1));
            return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
