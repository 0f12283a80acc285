package dev.gatehouse.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The text form of Gatehouse's keys: a recognizable prefix, 256 random bits and a checksum,
 * such as {@code gtw_vk_<43 characters>_<6 characters>}.
 *
 * <p>The prefix lets secret scanners find a leaked key ({@code gtw_vk_} for virtual keys,
 * {@code gtw_ak_} for admin keys; pattern {@code gtw_(vk|ak)_[A-Za-z0-9_-]{43}_[A-Za-z0-9_-]{6}});
 * the checksum (CRC-32 of the random part) lets a scanner, and Gatehouse itself, tell a real key
 * from a random string without a database lookup. Keys are stored only as their SHA-256 hash: 256
 * random bits need no slow hash, and a lookup by hash gives no timing oracle on the key (the
 * database compares hashes, which an attacker can not steer byte by byte).
 */
public enum KeyFormat {
    VIRTUAL("gtw_vk_"),
    ADMIN("gtw_ak_");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_CHARS = 43;
    private static final int CHECK_CHARS = 6;

    private final String prefix;

    KeyFormat(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** A new key; show it once, store {@link #hash} of it. */
    public String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String random = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return prefix + random + "_" + checksum(random);
    }

    /** Whether {@code text} has this format and a correct checksum. */
    public boolean matches(String text) {
        if (text == null || text.length() != prefix.length() + RANDOM_CHARS + 1 + CHECK_CHARS
                || !text.startsWith(prefix) || text.charAt(prefix.length() + RANDOM_CHARS) != '_') {
            return false;
        }
        String random = text.substring(prefix.length(), prefix.length() + RANDOM_CHARS);
        for (int i = 0; i < random.length(); i++) {
            char c = random.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                return false;
            }
        }
        // Equal-time comparison is not needed here: the checksum is public information about the key.
        return checksum(random).equals(text.substring(prefix.length() + RANDOM_CHARS + 1));
    }

    /** The stored form: SHA-256 of the whole key, hex. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A short random id for a stored object ({@code key_…}, {@code team_…}): public, not a secret. */
    public static String newId(String kind) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return kind + "_" + HexFormat.of().formatHex(bytes);
    }
}
