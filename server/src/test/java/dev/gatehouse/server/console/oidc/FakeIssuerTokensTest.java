package dev.gatehouse.server.console.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.testkit.oidc.FakeOidcProvider;
import dev.gatehouse.testkit.oidc.Misbehaviour;
import dev.gatehouse.testkit.oidc.OidcUser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ID tokens from the fake provider through the whole verification (discovery, JWKS, signature,
 * claims, as OpenID Connect Core's "ID Token Validation" lists them): a good token signs in, and
 * each way the fake can make one wrong is refused with a reason that says which check failed.
 */
class FakeIssuerTokensTest {

    private final MutableClock clock = new MutableClock();
    private final FakeOidcProvider fake = new FakeOidcProvider(FakeSignIn.CLIENT_ID, FakeSignIn.CLIENT_SECRET, clock);
    private final FakeSignIn signIn = new FakeSignIn(fake, clock);
    private final IdTokenVerifier verifier = new IdTokenVerifier(fake.issuer().toString(), FakeSignIn.CLIENT_ID,
            signIn.issuer, clock);

    @AfterEach
    void close() {
        fake.close();
    }

    @ParameterizedTest
    @CsvSource({"RS256", "ES256"})
    void aGoodTokenIsAccepted(String alg) throws Exception {
        fake.signWith(alg).nextUser(OidcUser.of("u-42", "ada@example.com", "Ada", List.of("platform-team")));
        PendingLogin login = PendingLogin.start(clock.instant());

        IdToken token = verifier.verify(signIn.idToken(login), login.nonce());

        assertEquals("u-42", token.subject());
        assertEquals("ada@example.com", token.claims().path("email").asText());
        assertEquals("platform-team", token.claims().path("groups").path(0).asText());
        assertEquals("client_secret_basic", fake.lastClientAuth(), "a confidential client uses HTTP Basic by default");
        fake.assertNoViolations();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "WRONG_ISSUER | issuer (iss) is not the configured issuer",
            "WRONG_AUDIENCE | audience (aud) does not include the client id",
            "SEVERAL_AUDIENCES_WITHOUT_AZP | several audiences and no authorized party (azp)",
            "WRONG_AUTHORIZED_PARTY | authorized party (azp) is not the client id",
            "EXPIRED | has expired (exp)",
            "ISSUED_IN_THE_FUTURE | issued in the future (iat)",
            "WRONG_NONCE | nonce is not the one this sign-in sent",
            "NO_NONCE | nonce is not the one this sign-in sent",
            "BAD_SIGNATURE | signature does not verify",
            "UNKNOWN_KID | no RS256 key of the issuer has the ID token's kid",
            "ALG_NONE | signed with alg \"none\"; only RS256 and ES256 are accepted",
            "HS256 | signed with alg \"HS256\"; only RS256 and ES256 are accepted"})
    void eachMisbehaviourIsRefusedSayingWhy(Misbehaviour misbehaviour, String reason) throws Exception {
        fake.misbehave(misbehaviour);
        PendingLogin login = PendingLogin.start(clock.instant());
        String token = signIn.idToken(login);

        TokenRejected rejected = assertThrows(TokenRejected.class, () -> verifier.verify(token, login.nonce()));

        assertTrue(rejected.reason().contains(reason), () -> "reason: " + rejected.reason());
        assertTrue(!rejected.reason().contains(token.substring(0, 20)), "a reason never holds the token");
    }

    @Test
    void theKeysAreFetchedAgainWhenTheProviderRollsThemOverButNotMoreThanOncePerFloor() throws Exception {
        PendingLogin first = PendingLogin.start(clock.instant());
        verifier.verify(signIn.idToken(first), first.nonce());
        assertEquals(1, fake.jwksRequests());
        assertEquals(1, fake.discoveryRequests());

        clock.advance(Duration.ofMinutes(2));
        fake.rotateKeys();
        PendingLogin second = PendingLogin.start(clock.instant());
        assertEquals("user-1", verifier.verify(signIn.idToken(second), second.nonce()).subject());
        assertEquals(2, fake.jwksRequests(), "an unknown kid fetched the keys again");

        fake.misbehave(Misbehaviour.UNKNOWN_KID);
        for (int i = 0; i < 3; i++) {
            PendingLogin forged = PendingLogin.start(clock.instant());
            String token = signIn.idToken(forged);
            assertThrows(TokenRejected.class, () -> verifier.verify(token, forged.nonce()));
        }
        assertEquals(2, fake.jwksRequests(), "within the floor, unknown kids do not make Gatehouse call the provider");
        assertEquals(1, fake.discoveryRequests(), "the discovery document is kept");
    }

    @Test
    void aPublicClientSendsItsIdAloneAndTheVerifierStillProvesTheCode() throws Exception {
        try (FakeOidcProvider publicFake = new FakeOidcProvider(FakeSignIn.CLIENT_ID, null, clock)) {
            FakeSignIn publicSignIn = new FakeSignIn(publicFake, clock, null);
            PendingLogin login = PendingLogin.start(clock.instant());
            IdTokenVerifier publicVerifier = new IdTokenVerifier(publicFake.issuer().toString(), FakeSignIn.CLIENT_ID,
                    publicSignIn.issuer, clock);

            publicVerifier.verify(publicSignIn.idToken(login), login.nonce());

            assertEquals("none", publicFake.lastClientAuth());
            publicFake.assertNoViolations();
        }
    }

    @Test
    void theSecretGoesInTheFormWhenTheProviderTakesOnlyThat() throws Exception {
        fake.secretInFormOnly();
        PendingLogin login = PendingLogin.start(clock.instant());

        verifier.verify(signIn.idToken(login), login.nonce());

        assertEquals("client_secret_post", fake.lastClientAuth());
        fake.assertNoViolations();
    }

    @Test
    void aWrongVerifierOrSecretIsRefusedByTheTokenEndpoint() throws Exception {
        PendingLogin login = PendingLogin.start(clock.instant());
        String otherVerifier = PendingLogin.start(clock.instant()).verifier();
        TokenRejected pkce = assertThrows(TokenRejected.class, () -> signIn.idToken(login, otherVerifier));
        assertEquals("the token endpoint refused the code: invalid_grant", pkce.reason());
        assertTrue(fake.violations().getLast().contains("code_verifier does not match"), fake.violations()::toString);

        FakeSignIn wrongSecret = new FakeSignIn(fake, clock, Secret.of("not-the-secret"));
        TokenRejected client = assertThrows(TokenRejected.class, () -> wrongSecret.idToken(PendingLogin.start(clock.instant())));
        assertEquals("the token endpoint refused the code: invalid_client", client.reason());
    }
}
