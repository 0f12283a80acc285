package dev.gatehouse.server.release;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Optional;

/**
 * Ed25519 (RFC 8032) with the JDK's own provider. Ed25519 signatures are deterministic, so
 * signing the same {@code SHA256SUMS} with the same key gives the same bytes and a signed bundle
 * stays reproducible. A signature is the raw 64 bytes, the form {@code openssl pkeyutl -sign -rawin}
 * writes and {@code -verify -rawin -sigfile} reads.
 */
public final class Signatures {

    static final String ALGORITHM = "Ed25519";

    private Signatures() {}

    /** A new key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }

    /** A private key from PKCS#8 PEM ("PRIVATE KEY", as {@code openssl genpkey -algorithm ed25519} writes it). */
    public static PrivateKey privateKey(String pem) {
        List<byte[]> blocks = Pem.blocks(pem, Pem.PRIVATE_KEY);
        if (blocks.size() != 1) {
            throw new IllegalArgumentException("expected one -----BEGIN " + Pem.PRIVATE_KEY + "----- block, found "
                    + blocks.size());
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(blocks.getFirst()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /** A private key as PKCS#8 PEM. */
    public static String privateKeyPem(PrivateKey key) {
        return Pem.write(Pem.PRIVATE_KEY, key.getEncoded());
    }

    /** The public key of a key pair, with its fingerprint. */
    public static ReleaseKey publicKey(KeyPair pair) {
        return ReleaseKey.of(pair.getPublic().getEncoded());
    }

    public static byte[] sign(byte[] data, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }

    /** The first of the keys whose signature this is, if any. */
    public static Optional<ReleaseKey> signer(byte[] data, byte[] signature, List<ReleaseKey> keys) {
        for (ReleaseKey key : keys) {
            if (verifies(data, signature, key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static boolean verifies(byte[] data, byte[] signature, ReleaseKey key) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key.key());
            verifier.update(data);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            // A signature of the wrong length or shape: not this key's.
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }
}
