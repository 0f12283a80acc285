package dev.gatehouse.secret;

import java.util.Objects;

/**
 * A credential in memory. It never prints itself ({@link #toString()} is masked), is not
 * {@link java.io.Serializable}, and gives its value only through {@link #reveal()}, which
 * should appear only where the value goes onto the wire.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
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
