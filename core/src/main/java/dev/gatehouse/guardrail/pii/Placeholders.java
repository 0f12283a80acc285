package dev.gatehouse.guardrail.pii;

import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reversible masking for one request, the way Presidio's anonymizer and deanonymizer pair up:
 * {@link #mask} replaces what the detector finds with numbered placeholders ({@code [EMAIL_1]},
 * {@code [PHONE_2]}…), the same value getting the same placeholder in every text of the request,
 * so the model can still tell two people apart and refer back to them; {@link #restore} puts the
 * originals back into the answer, and {@link #restorer} does it for a stream whose chunks may
 * split a placeholder. The originals live in this object only, for the request's lifetime: never
 * logged, stored or sent anywhere.
 *
 * <p>One request's: not to be shared between requests or used from two threads at once. A
 * placeholder is only restored when the model repeats it exactly; one it rewrites
 * ({@code EMAIL_1}, {@code [email_1]}) stays as the model wrote it, which leaks nothing.
 */
public final class Placeholders {

    private final Detector detector;
    private final Map<String, String> placeholderOf = new HashMap<>();
    private final Map<String, String> originalOf = new HashMap<>();
    private final Map<String, Integer> lastNumber = new HashMap<>();
    private final Map<String, Integer> maskedByKind = new TreeMap<>();
    private int longest;

    private Placeholders(Detector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    /** A new request's placeholders, for what {@code detector} finds (a {@link PiiScanner} usually). */
    public static Placeholders forRequest(Detector detector) {
        return new Placeholders(detector);
    }

    /** {@code text} with what the detector finds replaced by placeholders. */
    public String mask(CharSequence text) {
        return mask(text, detector.scan(text));
    }

    /**
     * {@code text} with {@code findings} (from any detector, in any order) replaced by
     * placeholders, for a stage that has scanned already. Overlapping findings become one
     * placeholder named after the first, standing for all the characters they cover.
     */
    public String mask(CharSequence text, List<Finding> findings) {
        // Not Masking.mask: that merges touching findings too, and a placeholder here must stand
        // for exactly the characters it replaced, to restore them.
        if (findings.isEmpty()) {
            return text.toString();
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::end).reversed()));
        Set<String> written = placeholdersWritten(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int i = 0;
        while (i < sorted.size()) {
            Finding first = sorted.get(i);
            int end = first.end();
            for (i++; i < sorted.size() && sorted.get(i).start() < end; i++) {
                end = Math.max(end, sorted.get(i).end());
            }
            if (end > text.length()) {
                throw new IllegalArgumentException("a finding lies beyond the text's " + text.length() + " characters");
            }
            String original = text.subSequence(first.start(), end).toString();
            out.append(text, copied, first.start()).append(placeholderFor(first.kind(), original, written));
            maskedByKind.merge(first.kind(), 1, Integer::sum);
            copied = end;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private String placeholderFor(String kind, String original, Set<String> written) {
        String known = placeholderOf.get(original);
        if (known != null) {
            return known;
        }
        String label = label(kind);
        String placeholder;
        do {
            int n = lastNumber.merge(label, 1, Integer::sum);
            placeholder = "[" + label + "_" + n + "]";
            // One the caller wrote themselves is skipped, so restoring never rewrites their text.
        } while (originalOf.containsKey(placeholder) || written.contains(placeholder));
        placeholderOf.put(original, placeholder);
        originalOf.put(placeholder, original);
        longest = Math.max(longest, placeholder.length());
        return placeholder;
    }

    /** A placeholder's stem from a finding's kind: {@code payment_card} → {@code PAYMENT_CARD}. */
    static String label(String kind) {
        StringBuilder label = new StringBuilder(kind.length());
        for (char c : kind.toUpperCase(Locale.ROOT).toCharArray()) {
            label.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return label.toString();
    }

    /** The placeholder-shaped tokens ({@code [WORD_12]}) the text already holds, in one pass. */
    private static Set<String> placeholdersWritten(CharSequence text) {
        Set<String> written = new HashSet<>();
        for (int open = 0; open < text.length(); open++) {
            if (text.charAt(open) != '[') {
                continue;
            }
            int j = open + 1;
            while (j < text.length() && j - open < 64 && isLabelChar(text.charAt(j))) {
                j++;
            }
            if (j < text.length() && text.charAt(j) == ']' && j > open + 1) {
                written.add(text.subSequence(open, j + 1).toString());
            }
        }
        return written;
    }

    private static boolean isLabelChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** {@code answer} with every placeholder this request issued put back to its original. */
    public String restore(CharSequence answer) {
        Restorer restorer = restorer();
        return restorer.feed(answer) + restorer.finish();
    }

    /** A restorer for one streamed answer. */
    public Restorer restorer() {
        return new Restorer(this);
    }

    /** How many findings of each kind were masked so far (for the audit event and metrics). */
    public Map<String, Integer> maskedByKind() {
        return Collections.unmodifiableMap(maskedByKind);
    }

    /** Whether nothing has been masked, so there is nothing to restore. */
    public boolean isEmpty() {
        return originalOf.isEmpty();
    }

    String originalOf(String placeholder) {
        return originalOf.get(placeholder);
    }

    int longest() {
        return longest;
    }

    /** Whether {@code s} is the beginning (not the whole) of an issued placeholder. */
    boolean startsSome(CharSequence s) {
        if (s.length() >= longest) {
            return false;
        }
        String prefix = s.toString();
        for (String p : originalOf.keySet()) {
            if (p.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
