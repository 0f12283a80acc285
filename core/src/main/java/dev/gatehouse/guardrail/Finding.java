package dev.gatehouse.guardrail;

import java.util.Objects;

/**
 * What a detector found and where: the half-open range {@code [start, end)} of the scanned text.
 * It never holds the matched text itself, so a finding can be logged, audited or put in an error
 * without leaking what it is about.
 *
 * @param kind     the detector's name for what it found, e.g. {@code "aws_access_key_id"}
 * @param category the broad class of the finding, which decides the policy applied to it
 * @param start    the index of the first character found
 * @param end      the index after the last character found
 */
public record Finding(String kind, Category category, int start, int end) {

    /** The broad classes a policy can treat differently (block secrets, mask personal data…). */
    public enum Category { SECRET, PERSONAL_DATA, DENIED }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(category, "category");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("a finding needs a kind");
        }
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a finding covers at least one character: [" + start + ", " + end + ")");
        }
    }

    /** How many characters the finding covers. */
    public int length() {
        return end - start;
    }
}
