package dev.gatehouse.guardrail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Replaces what detectors found with placeholders. Findings may come from several detectors and
 * overlap (a JWT inside a secret-looking assignment); overlapping or touching ranges are merged
 * into one placeholder, named after the finding that starts first (the longest one on a tie), so
 * no part of either match survives.
 */
public final class Masking {

    private Masking() {
    }

    /** {@code text} with every finding replaced by {@code [REDACTED:kind]}. */
    public static String mask(CharSequence text, List<Finding> findings) {
        return mask(text, findings, finding -> "[REDACTED:" + finding.kind() + "]");
    }

    /** {@code text} with every finding replaced by what {@code placeholder} gives for it. */
    public static String mask(CharSequence text, List<Finding> findings, Function<Finding, String> placeholder) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(placeholder, "placeholder");
        if (findings.isEmpty()) {
            return text.toString();
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::end).reversed()));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int i = 0;
        while (i < sorted.size()) {
            Finding first = sorted.get(i);
            if (first.end() > text.length()) {
                throw new IllegalArgumentException("finding " + first + " lies beyond the text's " + text.length() + " characters");
            }
            int end = first.end();
            i++;
            while (i < sorted.size() && sorted.get(i).start() <= end) {
                end = Math.max(end, sorted.get(i).end());
                i++;
            }
            if (end > text.length()) {
                throw new IllegalArgumentException("a finding lies beyond the text's " + text.length() + " characters");
            }
            out.append(text, copied, first.start()).append(placeholder.apply(first));
            copied = end;
        }
        return out.append(text, copied, text.length()).toString();
    }
}
