package dev.gatehouse.server.console.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks an ID token as OpenID Connect Core's "ID Token Validation" asks
 * (https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation), for a token that
 * came straight from the token endpoint over TLS and is still checked in full:
 * <ol>
 * <li>a compact JWS of three parts, its header and claims JSON objects without a name twice
 * (RFC 7519 section 4 lets a reader refuse those; two readers taking different ones is how
 * checks get fooled);</li>
 * <li>{@code alg} RS256 or ES256 only, no {@code crit} header, the key found by {@code kid} in
 * the issuer's JWKS, the signature verified;</li>
 * <li>{@code iss} exactly the configured issuer; {@code aud} contains the client id; with several
 * audiences {@code azp} must be present, and when present it must be the client id;</li>
 * <li>{@code exp} not passed, {@code iat} and {@code nbf} not in the future, each with
 * {@link #SKEW} of tolerance for clocks that disagree;</li>
 * <li>{@code nonce} the one this sign-in sent; {@code sub} present.</li>
 * </ol>
 */
final class IdTokenVerifier {

    static final Duration SKEW = Duration.ofSeconds(60);
    /** Larger than any ID token with a long group list; a bound for what is decoded. */
    static final int MAX_TOKEN_CHARS = 64 * 1024;

    private final String issuer;
    private final String clientId;
    private final KeySource keys;
    private final Clock clock;

    IdTokenVerifier(String issuer, String clientId, KeySource keys, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.keys = keys;
        this.clock = clock;
    }

    IdToken verify(String token, String expectedNonce) throws TokenRejected, ProviderUnavailable {
        if (token == null || token.isEmpty()) {
            throw new TokenRejected("the token endpoint answered without an ID token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new TokenRejected("the ID token is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new TokenRejected("the ID token is not a signed JWT of three parts (encrypted ID tokens are not supported)");
        }
        JsonNode header = object(parts[0], "header");
        String alg = header.path("alg").isTextual() ? header.get("alg").asText() : "";
        if (!JwsSignature.ALGORITHMS.contains(alg)) {
            throw new TokenRejected("the ID token is signed with alg " + shortly(alg)
                    + "; only RS256 and ES256 are accepted");
        }
        if (header.has("crit")) {
            throw new TokenRejected("the ID token's header names critical extensions Gatehouse does not understand");
        }
        JsonNode kidNode = header.get("kid");
        if (kidNode != null && !kidNode.isTextual()) {
            throw new TokenRejected("the ID token's kid is not a string");
        }
        String kid = kidNode == null ? null : kidNode.asText();
        Jwk key = keys.key(kid, alg).orElseThrow(() -> new TokenRejected(kid == null
                ? "the ID token names no kid and the issuer's keys do not single one out for " + alg
                : "no " + alg + " key of the issuer has the ID token's kid"));
        if (!JwsSignature.verify(alg, key.key(), parts[0] + "." + parts[1], base64url(parts[2], "signature"))) {
            throw new TokenRejected("the ID token's signature does not verify with the issuer's key");
        }
        JsonNode claims = object(parts[1], "claims");
        checkClaims(claims, expectedNonce);
        return new IdToken(claims.get("sub").asText(), claims);
    }

    private void checkClaims(JsonNode claims, String expectedNonce) throws TokenRejected {
        if (!claims.path("iss").isTextual() || !claims.get("iss").asText().equals(issuer)) {
            throw new TokenRejected("the ID token's issuer (iss) is not the configured issuer");
        }
        List<String> audiences = audiences(claims.get("aud"));
        if (!audiences.contains(clientId)) {
            throw new TokenRejected("the ID token's audience (aud) does not include the client id");
        }
        JsonNode azp = claims.get("azp");
        if (audiences.size() > 1 && azp == null) {
            throw new TokenRejected("the ID token has several audiences and no authorized party (azp)");
        }
        if (azp != null && !(azp.isTextual() && azp.asText().equals(clientId))) {
            throw new TokenRejected("the ID token's authorized party (azp) is not the client id");
        }
        long now = clock.instant().getEpochSecond();
        long skew = SKEW.toSeconds();
        if (now > seconds(claims, "exp", true) + skew) {
            throw new TokenRejected("the ID token has expired (exp)");
        }
        if (seconds(claims, "iat", true) > now + skew) {
            throw new TokenRejected("the ID token is issued in the future (iat)");
        }
        if (claims.has("nbf") && seconds(claims, "nbf", false) > now + skew) {
            throw new TokenRejected("the ID token is not valid yet (nbf)");
        }
        JsonNode nonce = claims.get("nonce");
        if (nonce == null || !nonce.isTextual() || !MessageDigest.isEqual(
                nonce.asText().getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
            throw new TokenRejected("the ID token's nonce is not the one this sign-in sent");
        }
        JsonNode sub = claims.get("sub");
        if (sub == null || !sub.isTextual() || sub.asText().isBlank() || sub.asText().length() > 255) {
            throw new TokenRejected("the ID token has no usable subject (sub)");
        }
    }

    /** {@code aud}: one string, or an array of strings (RFC 7519 section 4.1.3). */
    private static List<String> audiences(JsonNode aud) throws TokenRejected {
        List<String> out = new ArrayList<>();
        if (aud != null && aud.isTextual()) {
            out.add(aud.asText());
        } else if (aud != null && aud.isArray()) {
            for (JsonNode one : aud) {
                if (!one.isTextual()) {
                    throw new TokenRejected("the ID token's audience (aud) holds something other than strings");
                }
                out.add(one.asText());
            }
        } else {
            throw new TokenRejected("the ID token has no audience (aud)");
        }
        return out;
    }

    /** A NumericDate claim (seconds since the epoch, possibly with a fraction). */
    private static long seconds(JsonNode claims, String name, boolean required) throws TokenRejected {
        JsonNode value = claims.get(name);
        if (value == null || !value.isNumber()) {
            throw new TokenRejected(required ? "the ID token has no " + name + " time"
                    : "the ID token's " + name + " is not a number");
        }
        return (long) Math.floor(value.asDouble());
    }

    private static JsonNode object(String part, String what) throws TokenRejected {
        try {
            JsonNode node = Json.readRequest(base64url(part, what));
            if (node == null || !node.isObject()) {
                throw new TokenRejected("the ID token's " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new TokenRejected("the ID token's " + what + " is not valid JSON, or names a member twice");
        }
    }

    private static byte[] base64url(String part, String what) throws TokenRejected {
        try {
            // JWS uses base64url without padding (RFC 7515 section 2); padding or other letters are refused.
            if (part.indexOf('=') >= 0) {
                throw new IllegalArgumentException("padding");
            }
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new TokenRejected("the ID token's " + what + " is not base64url");
        }
    }

    /** A value from the token named in a reason: short, so a reason stays a reason. */
    private static String shortly(String value) {
        String cut = value.length() > 16 ? value.substring(0, 16) + "…" : value;
        return "\"" + cut.replaceAll("[^A-Za-z0-9+_.-]", "?") + "\"";
    }
}
