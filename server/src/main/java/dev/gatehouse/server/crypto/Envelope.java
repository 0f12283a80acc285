package dev.gatehouse.server.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption with AES-256-GCM: each value is encrypted under its own random data key,
 * and the data key is encrypted ("wrapped") under a master key. Rotating the master key re-wraps
 * the small data keys and never touches the values.
 *
 * <p>Both encryptions carry associated data: the value's is bound to the record (its name and
 * id), the data key's to the record and the master key id. A ciphertext copied onto another
 * record, or a wrapped key relabelled with another master key id, fails to open instead of
 * yielding the wrong credential.
 *
 * <p>Public for the other records sealed at rest (stored responses): each names its own record id
 * and name, so values of different records never open as each other.
 */
public final class Envelope {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelope() {}

    /** The stored form of one value: its wrapped data key and its ciphertext, both base64. */
    public record Sealed(String masterKeyId, String wrappedKey, String ciphertext) {}

    public static Sealed seal(MasterKey master, String recordId, String name, String value) {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        try {
            byte[] ciphertext = encrypt(new SecretKeySpec(dataKey, "AES"), value.getBytes(StandardCharsets.UTF_8),
                    valueContext(recordId, name));
            byte[] wrapped = encrypt(master.key(), dataKey, keyContext(recordId, name, master.id()));
            return new Sealed(master.id(), base64(wrapped), base64(ciphertext));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    public static String open(MasterKey master, String recordId, String name, Sealed sealed) {
        byte[] dataKey = unwrap(master, recordId, name, sealed.wrappedKey());
        try {
            byte[] plain = decrypt(new SecretKeySpec(dataKey, "AES"), Base64.getDecoder().decode(sealed.ciphertext()),
                    valueContext(recordId, name));
            String value = new String(plain, StandardCharsets.UTF_8);
            Arrays.fill(plain, (byte) 0);
            return value;
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The same data key wrapped under {@code to}; the value's ciphertext does not change. */
    static String rewrap(MasterKey from, MasterKey to, String recordId, String name, String wrappedKey) {
        byte[] dataKey = unwrap(from, recordId, name, wrappedKey);
        try {
            return base64(encrypt(to.key(), dataKey, keyContext(recordId, name, to.id())));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static byte[] unwrap(MasterKey master, String recordId, String name, String wrappedKey) {
        return decrypt(master.key(), Base64.getDecoder().decode(wrappedKey), keyContext(recordId, name, master.id()));
    }

    private static byte[] valueContext(String recordId, String name) {
        return ("gatehouse/secret-value/v1\0" + recordId + "\0" + name).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] keyContext(String recordId, String name, String masterKeyId) {
        return ("gatehouse/data-key/v1\0" + recordId + "\0" + name + "\0" + masterKeyId)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encrypt(SecretKey key, byte[] plain, byte[] context) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] decrypt(SecretKey key, byte[] ivAndSealed, byte[] context) {
        if (ivAndSealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new MasterKeyException("a stored credential is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndSealed, 0, IV_BYTES));
            cipher.updateAAD(context);
            return cipher.doFinal(ivAndSealed, IV_BYTES, ivAndSealed.length - IV_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new MasterKeyException("a stored credential does not open: it was altered, or belongs to another"
                    + " record, or the master key is not the one it was sealed with");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
