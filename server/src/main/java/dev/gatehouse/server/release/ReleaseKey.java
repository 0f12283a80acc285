package dev.gatehouse.server.release;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A public Ed25519 release key and its fingerprint: the SHA-256 of its DER encoding
 * (SubjectPublicKeyInfo) in hex, the value {@code openssl pkey -pubin -outform DER | sha256sum}
 * prints for the same PEM file, so that a key can be compared without Gatehouse.
 */
public record ReleaseKey(PublicKey key, String fingerprint) {

    /** The keys a file or resource holds: one or more PEM "PUBLIC KEY" blocks (several during a rotation). */
    public static List<ReleaseKey> parseAll(String pem) {
        List<ReleaseKey> keys = new ArrayList<>();
        for (byte[] der : Pem.blocks(pem, Pem.PUBLIC_KEY)) {
            keys.add(of(der));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no -----BEGIN " + Pem.PUBLIC_KEY + "----- block");
        }
        return List.copyOf(keys);
    }

    static ReleaseKey of(byte[] der) {
        try {
            PublicKey key = KeyFactory.getInstance(Signatures.ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
            return new ReleaseKey(key, fingerprint(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The key as a PEM "PUBLIC KEY" block. */
    public String pem() {
        return Pem.write(Pem.PUBLIC_KEY, key.getEncoded());
    }

    private static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
