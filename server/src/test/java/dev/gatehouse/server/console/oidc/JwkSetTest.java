package dev.gatehouse.server.console.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

/** JWK Sets as providers publish them (RFC 7517 section 5, RFC 7518 section 6), the usable keys kept. */
class JwkSetTest {

    private static JsonNode json(String text) throws Exception {
        return Json.readRequest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** RFC 7517 appendix A.1's example public keys: one EC P-256, one RSA of 2048 bits. */
    private static final String RFC_7517_A1 = """
            {"keys":[
              {"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
               "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc","kid":"1"},
              {"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
               "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","kid":"ec-sig"},
              {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
               "e":"AQAB","alg":"RS256","kid":"2011-04-29"}]}""";

    @Test
    void signatureKeysOfRfc7517AreRead() throws Exception {
        JwkSet set = JwkSet.parse(json(RFC_7517_A1));
        assertEquals(2, set.keys().size(), "the key for encryption is skipped");
        assertTrue(set.find("ec-sig", "ES256").orElseThrow().key() instanceof ECPublicKey);
        RSAPublicKey rsa = (RSAPublicKey) set.find("2011-04-29", "RS256").orElseThrow().key();
        assertEquals(2048, rsa.getModulus().bitLength());
        assertFalse(set.find("2011-04-29", "ES256").isPresent(), "an RS256 key checks no ES256 signature");
    }

    @Test
    void keysGatehouseCanNotUseAreSkippedNotFatal() throws Exception {
        JwkSet set = JwkSet.parse(json("""
                {"keys":[
                  {"kty":"RSA","kid":"short","n":"AQAB","e":"AQAB"},
                  {"kty":"EC","crv":"P-256","kid":"off-curve","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
                   "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyQ"},
                  {"kty":"EC","crv":"P-384","kid":"p384","x":"AA","y":"AA"},
                  {"kty":"OKP","crv":"Ed25519","kid":"ed","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
                  {"kty":"oct","kid":"hmac","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"},
                  {"kty":"RSA","kid":"broken","n":"!!","e":"AQAB"},
                  "not an object"]}"""));
        assertEquals(0, set.keys().size());
    }

    @Test
    void withoutAKidOnlyASingleFittingKeyIsChosen() throws Exception {
        JwkSet set = JwkSet.parse(json(RFC_7517_A1));
        assertEquals("ec-sig", set.find(null, "ES256").orElseThrow().kid());
        LocalKeys local = new LocalKeys();
        JwkSet two = new JwkSet(java.util.List.of(new Jwk("a", null, local.rsa.getPublic()),
                new Jwk("b", null, new LocalKeys().rsa.getPublic())));
        assertFalse(two.find(null, "RS256").isPresent(), "two RSA keys and no kid: no guess");
    }
}
