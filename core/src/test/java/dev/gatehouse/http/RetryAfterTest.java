package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Retry-After per RFC 9110 section 10.2.3; Gemini's RetryInfo.retryDelay is a protobuf Duration string. */
class RetryAfterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsSecondsAndHttpDates() {
        assertEquals(Duration.ofSeconds(7), RetryAfter.parseHeader("7", CLOCK));
        assertEquals(Duration.ofMillis(1500), RetryAfter.parseHeader("1.5", CLOCK));
        assertEquals(Duration.ofSeconds(30), RetryAfter.parseHeader("Wed, 25 Nov 2026 12:00:30 GMT", CLOCK));
        assertEquals(Duration.ZERO, RetryAfter.parseHeader("Wed, 25 Nov 2026 11:00:00 GMT", CLOCK));
    }

    @Test
    void ignoresWhatItCanNotRead() {
        assertNull(RetryAfter.parseHeader(null, CLOCK));
        assertNull(RetryAfter.parseHeader("soon", CLOCK));
        assertNull(RetryAfter.parseHeader("-3", CLOCK));
        assertNull(RetryAfter.parseSeconds("37"));
        assertNull(RetryAfter.parseSeconds("abcs"));
    }

    @Test
    void readsProtobufDurations() {
        assertEquals(Duration.ofSeconds(37), RetryAfter.parseSeconds("37s"));
        assertEquals(Duration.ofMillis(1250), RetryAfter.parseSeconds("1.25s"));
    }
}
