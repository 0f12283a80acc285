package dev.gatehouse.server.console.oidc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

/**
 * Checks a JWS signature with the JDK alone, for the two algorithms an OpenID provider signs ID
 * tokens with (RFC 7518 section 3.1): RS256 (RSASSA-PKCS1-v1_5 with SHA-256) and ES256 (ECDSA on
 * P-256 with SHA-256). Everything else is refused, {@code none} and the HMAC family above all: an
 * HS256 token "signed" with a public key or the client secret proves nothing about the issuer.
 */
final class JwsSignature {

    static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");

    private JwsSignature() {}

    /**
     * Whether {@code signature} is {@code key}'s signature of {@code signingInput} (the token's
     * first two parts and their dot, as ASCII).
     */
    static boolean verify(String alg, PublicKey key, String signingInput, byte[] signature) {
        String jdkName = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            // RFC 7518 section 3.4: an ES256 signature is R and S as 32 octets each, concatenated,
            // not the ASN.1 DER sequence SHA256withECDSA takes. The JDK's P1363 variant of the
            // same algorithm takes exactly that fixed-width form, so no conversion is written here.
            case "ES256" -> "SHA256withECDSAinP1363Format";
            default -> null;
        };
        if (jdkName == null || !lengthFits(alg, key, signature)) {
            return false;
        }
        try {
            Signature check = Signature.getInstance(jdkName);
            check.initVerify(key);
            check.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return check.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean lengthFits(String alg, PublicKey key, byte[] signature) {
        if (alg.equals("ES256")) {
            return signature.length == 64;
        }
        return key instanceof RSAPublicKey rsa && signature.length == (rsa.getModulus().bitLength() + 7) / 8;
    }
}
