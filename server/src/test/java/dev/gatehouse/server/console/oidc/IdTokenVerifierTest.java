package dev.gatehouse.server.console.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ID token checks on tokens made by the test, for the cases a provider never produces:
 * the edges of the clock skew, headers and encodings an attacker would try, and the JWS forms
 * of RFC 7515 and RFC 7518 that are easy to get wrong (ES256's r||s signature above all).
 */
class IdTokenVerifierTest {

    private static final String ISSUER = "https://login.example.com/realms/acme";
    private static final String CLIENT = "gatehouse";
    private static final String NONCE = "n-0S6_WzA2Mj";
    private static final Instant NOW = new MutableClock().instant();

    private final LocalKeys keys = new LocalKeys();
    private final IdTokenVerifier verifier = new IdTokenVerifier(ISSUER, CLIENT, keys, new MutableClock());

    private static ObjectNode claims() {
        long now = NOW.getEpochSecond();
        return Json.object().put("iss", ISSUER).put("sub", "248289761001").put("aud", CLIENT)
                .put("exp", now + 300).put("iat", now).put("nonce", NONCE);
    }

    private String rejected(String token) {
        return assertThrows(TokenRejected.class, () -> verifier.verify(token, NONCE)).reason();
    }

    @ParameterizedTest(name = "{0} {1}s from now: {2}")
    @CsvSource({"exp, -60, true", "exp, -61, false", "iat, 60, true", "iat, 61, false",
            "nbf, 60, true", "nbf, 61, false"})
    void timesHaveSixtySecondsOfSkewAndNoMore(String claim, long offset, boolean accepted) throws Exception {
        ObjectNode claims = claims().put(claim, NOW.getEpochSecond() + offset);
        String token = keys.sign(LocalKeys.header("RS256", "r1"), claims);
        if (accepted) {
            assertEquals("248289761001", verifier.verify(token, NONCE).subject());
        } else {
            assertTrue(rejected(token).contains("(" + claim + ")"));
        }
    }

    @Test
    void severalAudiencesPassWithTheClientAsAuthorizedParty() throws Exception {
        ObjectNode claims = claims().put("azp", CLIENT);
        claims.putArray("aud").add("another-api").add(CLIENT);
        assertEquals("248289761001", verifier.verify(keys.sign(LocalKeys.header("ES256", "e1"), claims), NONCE).subject());
    }

    @Test
    void withoutAKidTheOnlyKeyForTheAlgorithmIsUsed() throws Exception {
        assertEquals("248289761001", verifier.verify(keys.sign(LocalKeys.header("ES256", null), claims()), NONCE).subject());
    }

    @Test
    void anEs256SignatureInDerFormIsNotAJwsSignature() {
        String input = LocalKeys.encode(LocalKeys.header("ES256", "e1")) + "." + LocalKeys.encode(claims());
        String token = input + "." + LocalKeys.B64.encodeToString(keys.signature("ES256", input, true));
        assertEquals("the ID token's signature does not verify with the issuer's key", rejected(token));
    }

    @Test
    void changedClaimsBreakTheSignature() {
        String token = keys.sign(LocalKeys.header("RS256", "r1"), claims());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + LocalKeys.encode(claims().put("sub", "admin")) + "." + parts[2];
        assertEquals("the ID token's signature does not verify with the issuer's key", rejected(forged));
    }

    @Test
    void aKeyIsOnlyUsedForItsOwnAlgorithm() {
        // The RSA key's kid under ES256: no key fits, rather than a confused check.
        String token = keys.sign(LocalKeys.header("ES256", "r1"), claims());
        assertEquals("no ES256 key of the issuer has the ID token's kid", rejected(token));
    }

    @Test
    void algorithmsOtherThanRs256AndEs256AreRefused() {
        for (String alg : new String[] {"none", "HS256", "RS512", "PS256", "ES384", ""}) {
            String token = LocalKeys.encode(LocalKeys.header(alg, "r1")) + "." + LocalKeys.encode(claims()) + ".c2ln";
            assertTrue(rejected(token).contains("only RS256 and ES256 are accepted"), alg);
        }
    }

    @Test
    void criticalHeaderExtensionsAreRefused() {
        ObjectNode header = LocalKeys.header("RS256", "r1");
        header.putArray("crit").add("exp");
        assertTrue(rejected(keys.sign(header, claims())).contains("critical extensions"));
    }

    @Test
    void aClaimNamedTwiceIsRefused() {
        String claims = claims().toString().replace("{", "{\"sub\":\"admin\",");
        String input = LocalKeys.encode(LocalKeys.header("RS256", "r1")) + "." + LocalKeys.encode(claims);
        String token = input + "." + LocalKeys.B64.encodeToString(keys.signature("RS256", input, false));
        assertEquals("the ID token's claims is not valid JSON, or names a member twice", rejected(token));
    }

    @Test
    void malformedTokensAreRefused() {
        String good = keys.sign(LocalKeys.header("RS256", "r1"), claims());
        assertTrue(rejected(good + ".x.y").contains("not a signed JWT of three parts"), "a JWE has five parts");
        assertTrue(rejected(good + "==").contains("signature is not base64url"));
        assertTrue(rejected("e30." + good.split("\\.")[1] + ".c2ln").contains("only RS256 and ES256"), "empty header");
        assertTrue(rejected("W10." + good.split("\\.")[1] + ".c2ln").contains("header is not a JSON object"));
        assertTrue(rejected("x".repeat(IdTokenVerifier.MAX_TOKEN_CHARS + 1)).contains("longer than"));
        assertEquals("the token endpoint answered without an ID token", rejected(""));
    }

    @Test
    void aTokenWithoutSubjectOrAudienceIsRefused() {
        ObjectNode noSub = claims();
        noSub.remove("sub");
        assertTrue(rejected(keys.sign(LocalKeys.header("RS256", "r1"), noSub)).contains("(sub)"));
        ObjectNode numericAud = claims();
        numericAud.putArray("aud").add(CLIENT).add(7);
        assertTrue(rejected(keys.sign(LocalKeys.header("RS256", "r1"), numericAud)).contains("other than strings"));
    }
}
