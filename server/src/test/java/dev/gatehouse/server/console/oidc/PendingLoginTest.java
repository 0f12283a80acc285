package dev.gatehouse.server.console.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A sign-in in progress: PKCE's S256 challenge, the state check, its cookie form and its ten minutes. */
class PendingLoginTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theChallengeIsS256OfTheVerifierAsInRfc7636AppendixB() {
        PendingLogin login = new PendingLogin("s", "n", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", START);
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", login.challenge());
    }

    @Test
    void eachSignInHasItsOwnUnguessableValues() {
        PendingLogin a = PendingLogin.start(START);
        PendingLogin b = PendingLogin.start(START);
        assertNotEquals(a.state(), b.state());
        assertNotEquals(a.nonce(), b.nonce());
        assertNotEquals(a.verifier(), b.verifier());
        assertEquals(43, a.verifier().length(), "32 random bytes, within PKCE's 43 to 128 characters");
    }

    @Test
    void theCookieCarriesItBackAndNothingElseIsTakenForIt() {
        PendingLogin login = PendingLogin.start(START);
        assertEquals(login, PendingLogin.fromCookie(login.cookieValue()).orElseThrow());
        for (String bad : new String[] {"", "a.b.c.d", login.cookieValue() + ".5", login.cookieValue().replace('.', ';'),
                login.cookieValue().substring(1)}) {
            assertFalse(PendingLogin.fromCookie(bad).isPresent(), bad);
        }
        assertFalse(PendingLogin.fromCookie(null).isPresent());
    }

    @Test
    void theStateMustMatchExactly() {
        PendingLogin login = PendingLogin.start(START);
        assertTrue(login.matches(login.state()));
        assertFalse(login.matches(login.state() + "x"));
        assertFalse(login.matches(null));
    }

    @Test
    void itLastsTenMinutes() {
        PendingLogin login = PendingLogin.start(START);
        assertFalse(login.expiredAt(START.plus(Duration.ofMinutes(9))));
        assertTrue(login.expiredAt(START.plus(Duration.ofMinutes(10))));
        assertTrue(login.expiredAt(START.minus(Duration.ofMinutes(5))), "a start in the future is not believed");
    }
}
