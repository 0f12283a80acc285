package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestStores;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a console session is over: idle too long, past its maximum age, signed out. */
class ConsoleSessionsTest {

    private final MutableClock clock = new MutableClock();
    private final ConsoleSettings settings = ConsoleSettings.DEFAULTS.withTimeouts(Duration.ofMinutes(30),
            Duration.ofHours(2));

    @Test
    void aSessionUnusedForTheIdleTimeoutIsOverAndOneInUseLastsUntilItsMaximumAge() {
        try (ControlPlane control = TestStores.h2ControlPlane()) {
            ConsoleSessions sessions = new ConsoleSessions(control.database(), control.audit(), clock, settings);
            ConsoleSessions.Opened idle = sessions.open("oidc:alice", "alice@example.com", AdminRole.AUDITOR, null,
                    Actor.CLI);
            ConsoleSessions.Opened used = sessions.open("oidc:bob", "bob@example.com", AdminRole.OWNER, null, Actor.CLI);
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofMinutes(20));
                assertTrue(sessions.find(used.cookieValue()).isPresent(), "in use after " + (i + 1) * 20 + " min");
            }
            assertTrue(sessions.find(idle.cookieValue()).isEmpty(), "unused for an hour");
            clock.advance(Duration.ofMinutes(20));
            assertTrue(sessions.find(used.cookieValue()).isPresent());
            clock.advance(Duration.ofMinutes(20));
            assertTrue(sessions.find(used.cookieValue()).isPresent(), "1 h 40 min after sign-in, in use");
            clock.advance(Duration.ofMinutes(20));
            assertTrue(sessions.find(used.cookieValue()).isEmpty(), "two hours after sign-in, however used");
            assertEquals(0, control.database().query("SELECT id FROM console_sessions", row -> row.getString(1))
                    .size(), "sessions that are over are deleted");
        }
    }

    @Test
    void anUnknownOrMalformedCookieOpensNothing() {
        try (ControlPlane control = TestStores.h2ControlPlane()) {
            ConsoleSessions sessions = new ConsoleSessions(control.database(), control.audit(), clock, settings);
            sessions.open("oidc:alice", "alice", AdminRole.OWNER, null, Actor.CLI);
            for (String cookie : new String[] {null, "", "x", "a".repeat(1000), "' OR 1=1 --"}) {
                assertTrue(sessions.find(cookie).isEmpty(), String.valueOf(cookie));
            }
        }
    }

    @Test
    void signingOutIsAuditedAndEndsTheSessionOnce() {
        try (ControlPlane control = TestStores.h2ControlPlane()) {
            ConsoleSessions sessions = new ConsoleSessions(control.database(), control.audit(), clock, settings);
            ConsoleSessions.Opened opened = sessions.open("oidc:alice", "alice", AdminRole.OWNER, null, Actor.CLI);
            sessions.close(opened.cookieValue(), Actor.CLI);
            sessions.close(opened.cookieValue(), Actor.CLI);
            assertTrue(sessions.find(opened.cookieValue()).isEmpty());
            assertEquals(1, control.audit().list(0, 100).stream().filter(e -> e.action().equals("console.signed_out"))
                    .count());
            assertEquals(1, control.audit().list(0, 100).stream().filter(e -> e.action().equals("console.signed_in"))
                    .count());
        }
    }
}
