package dev.gatehouse.server.console.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A provider's JWK Set (RFC 7517 section 5) read into {@code java.security} public keys. Only
 * signature keys Gatehouse can use are kept: RSA ({@code n}, {@code e}, RFC 7518 section 6.3.1)
 * of at least 2048 bits, and EC on P-256 ({@code x}, {@code y}, RFC 7518 section 6.2.1) whose
 * point is on the curve. Keys for encryption ({@code use: enc}), other types and curves, and
 * malformed members are skipped, not fatal: a provider may publish keys for other clients.
 */
record JwkSet(List<Jwk> keys) {

    static final int MIN_RSA_BITS = 2048;
    private static final ECParameterSpec P256 = p256();

    JwkSet {
        keys = List.copyOf(keys);
    }

    static JwkSet parse(JsonNode set) {
        List<Jwk> keys = new ArrayList<>();
        for (JsonNode jwk : set.path("keys")) {
            read(jwk).ifPresent(keys::add);
        }
        return new JwkSet(keys);
    }

    /**
     * The key for a token's header: the one with its {@code kid}; without a kid in the token, the
     * only key that fits the algorithm (several would be a guess).
     */
    Optional<Jwk> find(String kid, String alg) {
        if (kid != null) {
            return keys.stream().filter(k -> kid.equals(k.kid()) && k.fits(alg)).findFirst();
        }
        List<Jwk> fitting = keys.stream().filter(k -> k.fits(alg)).toList();
        return fitting.size() == 1 ? Optional.of(fitting.getFirst()) : Optional.empty();
    }

    private static Optional<Jwk> read(JsonNode jwk) {
        String use = jwk.path("use").asText("sig");
        if (!use.equals("sig") || !jwk.isObject()) {
            return Optional.empty();
        }
        String kid = jwk.hasNonNull("kid") ? jwk.get("kid").asText() : null;
        String alg = jwk.hasNonNull("alg") ? jwk.get("alg").asText() : null;
        try {
            PublicKey key = switch (jwk.path("kty").asText()) {
                case "RSA" -> rsa(jwk);
                case "EC" -> ec(jwk);
                default -> null;
            };
            return Optional.ofNullable(key).map(k -> new Jwk(kid, alg, k));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static PublicKey rsa(JsonNode jwk) throws GeneralSecurityException {
        BigInteger n = unsigned(jwk.path("n").asText());
        BigInteger e = unsigned(jwk.path("e").asText());
        if (n.bitLength() < MIN_RSA_BITS || e.signum() <= 0) {
            return null;
        }
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    private static PublicKey ec(JsonNode jwk) throws GeneralSecurityException {
        if (!"P-256".equals(jwk.path("crv").asText())) {
            return null;
        }
        byte[] x = Base64.getUrlDecoder().decode(jwk.path("x").asText());
        byte[] y = Base64.getUrlDecoder().decode(jwk.path("y").asText());
        // RFC 7518 section 6.2.1.2: each coordinate is the full 32 octets for P-256.
        if (x.length != 32 || y.length != 32) {
            return null;
        }
        ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
        if (!onCurve(point, P256.getCurve())) {
            return null;
        }
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256));
    }

    /** y² = x³ + ax + b (mod p), with both coordinates below p: a point off the curve is no key. */
    static boolean onCurve(ECPoint point, EllipticCurve curve) {
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }

    private static BigInteger unsigned(String base64url) {
        byte[] bytes = Base64.getUrlDecoder().decode(base64url);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty number");
        }
        return new BigInteger(1, bytes);
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256", e);
        }
    }
}
