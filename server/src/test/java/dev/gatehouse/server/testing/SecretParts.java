package dev.gatehouse.server.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks that a text holds no part of a secret: not the whole, and not any run of
 * {@value #WINDOW} characters of it, so a truncated or partly masked key is caught too.
 */
public final class SecretParts {

    public static final int WINDOW = 10;

    private SecretParts() {}

    /** Fails naming {@code what} if {@code text} holds any {@value #WINDOW}-character run of {@code secret}'s random part. */
    public static void assertAbsent(String text, String secret, String what) {
        String random = secret.replaceFirst("^gtw_(vk|ak)_", "").replaceFirst("^gmk1:[^:]+:", "");
        for (int i = 0; i + WINDOW <= random.length(); i++) {
            String part = random.substring(i, i + WINDOW);
            int at = text.indexOf(part);
            if (at >= 0) {
                int from = Math.max(0, at - 80);
                fail(what + ": '" + part + "', a part of a secret, appears in the text: …" + text.substring(from,
                        Math.min(text.length(), at + 80)) + "…");
            }
        }
    }
}
