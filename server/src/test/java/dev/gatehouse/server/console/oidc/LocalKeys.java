package dev.gatehouse.server.console.oidc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An issuer's keys held by the test itself, so that tokens can be made exactly as a case needs
 * (headers, claims, signature forms) and verified without a provider.
 */
final class LocalKeys implements KeySource {

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final KeyPair rsa = generate("RSA");
    final KeyPair ec = generate("EC");
    final JwkSet set = new JwkSet(List.of(new Jwk("r1", "RS256", rsa.getPublic()), new Jwk("e1", "ES256", ec.getPublic())));

    @Override
    public Optional<Jwk> key(String kid, String alg) {
        return set.find(kid, alg);
    }

    /** A token of {@code header} and {@code claims} signed with this issuer's key for the header's alg. */
    String sign(ObjectNode header, ObjectNode claims) {
        String input = encode(header) + "." + encode(claims);
        return input + "." + B64.encodeToString(signature(header.path("alg").asText(), input, false));
    }

    /** The signature bytes; for ES256 in the JDK's DER form when {@code der}, else JWS's r||s form. */
    byte[] signature(String alg, String input, boolean der) {
        try {
            PrivateKey key = alg.equals("ES256") ? ec.getPrivate() : rsa.getPrivate();
            String name = alg.equals("ES256") ? (der ? "SHA256withECDSA" : "SHA256withECDSAinP1363Format") : "SHA256withRSA";
            Signature signer = Signature.getInstance(name);
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String encode(ObjectNode json) {
        return encode(json.toString());
    }

    static String encode(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode header(String alg, String kid) {
        ObjectNode header = Json.object().put("alg", alg).put("typ", "JWT");
        return kid == null ? header : header.put("kid", kid);
    }

    private static KeyPair generate(String type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
            if (type.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
