package dev.gatehouse.guardrail.pii;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of personal data Gatehouse finds. {@link #kind()} is what a {@code Finding} carries
 * and what configuration names ({@code pii: {kinds: [email, phone]}}); {@link #label()} is the
 * stem of a reversible placeholder ({@code [EMAIL_1]}).
 */
public enum PiiKind {
    EMAIL("email"),
    PHONE("phone"),
    PAYMENT_CARD("payment_card"),
    IBAN("iban"),
    US_SSN("us_ssn"),
    IP_ADDRESS("ip_address");

    private final String kind;

    PiiKind(String kind) {
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }

    public String label() {
        return kind.toUpperCase(Locale.ROOT);
    }

    /** The kind a configuration names, in any case, with {@code -} or {@code _}. */
    public static Optional<PiiKind> named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (PiiKind k : values()) {
            if (k.kind.equals(wanted)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
