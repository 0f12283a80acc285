package dev.gatehouse.server.console.oidc;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * One verification key of a JWK Set.
 *
 * @param kid its key id, or null when the set gives none
 * @param alg the one algorithm it is for, when the JWK says ({@code alg} member), else null
 * @param key an RSA or EC P-256 public key
 */
record Jwk(String kid, String alg, PublicKey key) {

    /** Whether this key can check a signature of {@code jwsAlg} (RS256 or ES256). */
    boolean fits(String jwsAlg) {
        if (alg != null && !alg.equals(jwsAlg)) {
            return false;
        }
        return switch (jwsAlg) {
            case "RS256" -> key instanceof RSAPublicKey;
            case "ES256" -> key instanceof ECPublicKey;
            default -> false;
        };
    }
}
