package dev.gatehouse.secret;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A credential in memory. It never prints itself ({@link #toString()} is masked), is not
 * {@link java.io.Serializable}, and gives its value only through {@link #reveal()}, which
 * should appear only where the value goes onto the wire.
 */
public final class Secret {

    /**
     * Every credential value this process holds, so that {@link Redaction} removes it from any
     * text, whatever its format: an upstream that echoes a key back in an error must not put
     * it into a log line or a caller's error message. Values shorter than
     * {@value #MIN_MASKED_LENGTH} characters are not credentials anyone issues, and masking them
     * would garble ordinary text.
     */
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    static final int MIN_MASKED_LENGTH = 8;

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
        if (value.length() >= MIN_MASKED_LENGTH) {
            KNOWN.add(value);
        }
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The values of every secret created so far, for masking. */
    static Set<String> knownValues() {
        return KNOWN;
    }

    /** The credential itself. Call it only to put the value into an outgoing request. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // No hash derived from the value: nothing about it should be observable.
    }
}
