package dev.gatehouse.testkit.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fake provider's signing keys, made fresh for each fake: an RSA key for RS256 and an EC
 * P-256 key for ES256, each with its kid, published as a JWK Set (RFC 7517 section 5; the members
 * of each key type as RFC 7518 section 6 names them). {@link #rotate()} replaces both with new
 * keys under new kids, as a provider's key rollover does.
 */
final class SigningKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private KeyPair rsa;
    private KeyPair ec;
    private String rsaKid;
    private String ecKid;
    private int generation;

    SigningKeys() {
        rotate();
    }

    synchronized void rotate() {
        generation++;
        rsa = generate("RSA", 2048);
        ec = generate("EC", 0);
        rsaKid = "rsa-" + generation;
        ecKid = "ec-" + generation;
    }

    synchronized String kid(String alg) {
        return alg.equals("ES256") ? ecKid : rsaKid;
    }

    /** The JWK Set of the current keys. */
    synchronized String jwks() {
        ArrayNode keys = JSON.createArrayNode();
        RSAPublicKey rsaKey = (RSAPublicKey) rsa.getPublic();
        keys.addObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", rsaKid)
                .put("n", unsigned(rsaKey.getModulus(), 0)).put("e", unsigned(rsaKey.getPublicExponent(), 0));
        ECPublicKey ecKey = (ECPublicKey) ec.getPublic();
        keys.addObject().put("kty", "EC").put("use", "sig").put("alg", "ES256").put("kid", ecKid).put("crv", "P-256")
                .put("x", unsigned(ecKey.getW().getAffineX(), 32)).put("y", unsigned(ecKey.getW().getAffineY(), 32));
        ObjectNode set = JSON.createObjectNode();
        set.set("keys", keys);
        return set.toString();
    }

    /**
     * A compact JWS of {@code header} and {@code claims}, signed as {@code header.alg} says: RS256,
     * ES256 (the signature as the raw r||s pair JWS wants, RFC 7518 section 3.4), HS256 with
     * {@code hmacKey}, or none (an empty signature).
     */
    synchronized String sign(ObjectNode header, ObjectNode claims, byte[] hmacKey) {
        String input = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        String alg = header.path("alg").asText();
        byte[] data = input.getBytes(StandardCharsets.US_ASCII);
        byte[] signature = switch (alg) {
            case "RS256" -> signWith("SHA256withRSA", rsa.getPrivate(), data);
            case "ES256" -> signWith("SHA256withECDSAinP1363Format", ec.getPrivate(), data);
            case "HS256" -> hmac(hmacKey, data);
            case "none" -> new byte[0];
            default -> throw new IllegalArgumentException("the fake signs RS256, ES256, HS256 or none, not " + alg);
        };
        return input + "." + B64.encodeToString(signature);
    }

    /** The same token signed by a key of the same type that no JWKS holds. */
    static String signWithStranger(ObjectNode header, ObjectNode claims) {
        SigningKeys stranger = new SigningKeys();
        return stranger.sign(header, claims, null);
    }

    private static byte[] signWith(String algorithm, PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String type, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
            if (type.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** base64url of the number's big-endian bytes without a sign byte, left-padded to {@code size} when given. */
    private static String unsigned(BigInteger value, int size) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (size > bytes.length) {
            byte[] padded = new byte[size];
            System.arraycopy(bytes, 0, padded, size - bytes.length, bytes.length);
            bytes = padded;
        }
        return B64.encodeToString(bytes);
    }
}
