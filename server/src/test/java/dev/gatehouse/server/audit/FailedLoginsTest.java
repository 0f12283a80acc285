package dev.gatehouse.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The failed-login table stays bounded however many addresses fail, and loses no failure. */
class FailedLoginsTest {

    @Test
    void addressesBeyondTheBoundAreCountedTogether() {
        FailedLogins logins = new FailedLogins();
        for (int i = 0; i < FailedLogins.MAX_SOURCES + 500; i++) {
            logins.add(60_000, "2001:db8::" + Integer.toHexString(i), true);
        }
        assertTrue(logins.takeEndedBefore(119_999).isEmpty(), "the minute has not ended");
        List<AuditEvent> events = logins.takeEndedBefore(120_000);
        assertEquals(FailedLogins.MAX_SOURCES + 1, events.size());
        AuditEvent many = events.stream().filter(e -> e.source().equals(FailedLogins.MANY)).findFirst().orElseThrow();
        assertEquals("500", many.details().get("count"));
        assertEquals(FailedLogins.MAX_SOURCES + 500L, events.stream()
                .mapToLong(e -> Long.parseLong(e.details().get("count"))).sum());
        assertTrue(logins.isEmpty());
    }
}
