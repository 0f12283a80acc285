package dev.gatehouse.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * The JWT a service account presents to Google's token endpoint: header
 * {@code {"alg":"RS256","typ":"JWT","kid":…}}, claims {@code iss} (the account's email),
 * {@code scope}, {@code aud} (the token endpoint), {@code iat} and {@code exp} (at most an hour
 * later), signed with SHA-256 with RSA (https://developers.google.com/identity/protocols/oauth2/service-account,
 * "Creating a JWT").
 */
final class SignedJwt {

    /** The lifetime Google allows at most. */
    static final long LIFETIME_SECONDS = 3600;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private SignedJwt() {}

    static String of(ServiceAccountKey key, String scope, URI audience, Instant now) {
        ObjectNode header = Json.object().put("alg", "RS256").put("typ", "JWT");
        if (key.privateKeyId() != null) {
            header.put("kid", key.privateKeyId());
        }
        ObjectNode claims = Json.object()
                .put("iss", key.clientEmail())
                .put("scope", scope)
                .put("aud", audience.toString())
                .put("iat", now.getEpochSecond())
                .put("exp", now.getEpochSecond() + LIFETIME_SECONDS);
        String signingInput = BASE64URL.encodeToString(Json.bytes(header)) + "." + BASE64URL.encodeToString(Json.bytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            // The key was read as an RSA key; the JDK always has SHA256withRSA.
            throw new IllegalStateException("can not sign with the service-account key", e);
        }
    }
}
