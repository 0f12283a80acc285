package dev.gatehouse.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.google.FakeGoogleOAuth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Service-account tokens against the fake token endpoint, which checks the JWT's signature
 * with the public key of the key pair made for the test: caching, one background refresh while
 * the old token serves, one fetch for many waiting callers, refusals.
 */
class AccessTokensTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A clock the test moves by hand; the fake endpoint and the cache share it. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-26T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override public Instant instant() { return now; }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    }

    private final MovableClock clock = new MovableClock();
    private final JdkHttpTransport transport = new JdkHttpTransport(TIMEOUT);
    private final FakeGoogleOAuth oauth = new FakeGoogleOAuth(clock);
    private final List<Runnable> backgroundTasks = new ArrayList<>();
    private final AccessTokens tokens = new AccessTokens(clock,
            task -> { synchronized (backgroundTasks) { backgroundTasks.add(task); } });
    private final ServiceAccountKey key = ServiceAccountKey.parse(Secret.of(oauth.serviceAccountJson()));

    @AfterEach
    void close() {
        oauth.close();
    }

    private String token() {
        return tokens.token(key, oauth.tokenUrl(), TIMEOUT, transport).reveal();
    }

    @Test
    void aTokenIsFetchedOnceAndReusedUntilItsRefreshWindow() {
        String first = token();
        clock.advance(Duration.ofMinutes(50)); // 3599 s tokens: still more than five minutes left
        assertEquals(first, token());
        assertEquals(1, oauth.tokenRequests());
        assertTrue(oauth.isValid(first), "the fake issued it and it has not expired");
        oauth.assertNoViolations();
    }

    @Test
    void nearExpiryOneBackgroundRefreshRunsWhileTheOldTokenServes() {
        String first = token();
        clock.advance(Duration.ofSeconds(3599 - 200)); // inside the refresh window, still usable
        for (int i = 0; i < 5; i++) {
            assertEquals(first, token(), "requests keep the still-valid token, nobody waits");
        }
        assertEquals(1, backgroundTasks.size(), "one refresh at a time");
        assertEquals(1, oauth.tokenRequests(), "the refresh has not run yet");
        backgroundTasks.getFirst().run();
        String second = token();
        assertNotEquals(first, second);
        assertEquals(2, oauth.tokenRequests());
        clock.advance(Duration.ofSeconds(100)); // the first would be unusable now; the second is fresh
        assertEquals(second, token());
        oauth.assertNoViolations();
    }

    @Test
    void callersWithoutAUsableTokenWaitForOneFetch() throws Exception {
        oauth.holdRequests();
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(callers.submit((Callable<String>) this::token));
            }
            while (oauth.tokenRequests() == 0) {
                Thread.sleep(5); // until the one fetch reaches the endpoint
            }
            oauth.release();
            String token = answers.getFirst().get();
            for (Future<String> answer : answers) {
                assertEquals(token, answer.get());
            }
            assertEquals(1, oauth.tokenRequests());
        } finally {
            callers.shutdownNow();
        }
        oauth.assertNoViolations();
    }

    @Test
    void anExpiredTokenIsReplacedBeforeUse() {
        String first = token();
        clock.advance(Duration.ofSeconds(3599 - 30)); // too close to expiry to send
        String second = token();
        assertNotEquals(first, second);
        assertTrue(backgroundTasks.isEmpty(), "fetched in the request, as no valid token was left");
    }

    @Test
    void aKeyTheEndpointDoesNotKnowIsRefused() {
        try (FakeGoogleOAuth other = new FakeGoogleOAuth(clock)) {
            // Another key pair, same account name: the signature does not verify.
            ServiceAccountKey stranger = ServiceAccountKey.parse(Secret.of(other.serviceAccountJson()));
            GatewayException e = assertThrows(GatewayException.class,
                    () -> tokens.token(stranger, oauth.tokenUrl(), TIMEOUT, transport));
            assertInstanceOf(GatewayException.Authentication.class, e);
            assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
            assertEquals(List.of("Invalid JWT Signature."), oauth.violations());
        }
    }
}
