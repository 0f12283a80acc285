package dev.gatehouse.guardrail.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Gatehouse's own key format (docs/keys.md): {@code gtw_vk_} or {@code gtw_ak_}, 43 base64url
 * characters of randomness, {@code _}, and 6 characters of checksum (the CRC-32 of the random
 * part, big-endian, base64url). The checksum tells a real key from a random look-alike without a
 * database; it must stay in step with the server's key generator.
 */
final class GatehouseKeyChecksum {

    static final int RANDOM_CHARS = 43;
    static final int CHECK_CHARS = 6;

    private GatehouseKeyChecksum() {
    }

    /** Whether {@code key} (prefix included, 7 characters) carries a correct checksum. */
    static boolean valid(CharSequence key) {
        int randomStart = 7;
        if (key.length() != randomStart + RANDOM_CHARS + 1 + CHECK_CHARS
                || key.charAt(randomStart + RANDOM_CHARS) != '_') {
            return false;
        }
        String random = key.subSequence(randomStart, randomStart + RANDOM_CHARS).toString();
        return checksum(random).contentEquals(key.subSequence(randomStart + RANDOM_CHARS + 1, key.length()));
    }

    static String checksum(String random) {
        CRC32 crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
