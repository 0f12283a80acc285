package dev.gatehouse.guardrail.secrets;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A documented key format: a fixed prefix, then a body of {@code minBody} to {@code maxBody}
 * characters of one class, ending where the class ends (a longer run is not this key). An extra
 * {@code check} can test what the format documents beyond its shape: a checksum, a marker.
 */
record KeyRule(String kind, String prefix, CharClass body, int minBody, int maxBody,
        Predicate<CharSequence> check) implements Matcher {

    KeyRule {
        Objects.requireNonNull(kind);
        if (prefix.length() < 2 || minBody < 1 || maxBody < minBody) {
            throw new IllegalArgumentException("bad rule " + kind);
        }
    }

    static KeyRule of(String kind, String prefix, CharClass body, int minBody, int maxBody) {
        return new KeyRule(kind, prefix, body, minBody, maxBody, match -> true);
    }

    KeyRule checked(Predicate<CharSequence> extra) {
        return new KeyRule(kind, prefix, body, minBody, maxBody, extra);
    }

    @Override
    public String lead() {
        return prefix.substring(0, 2);
    }

    @Override
    public int match(CharSequence text, int start) {
        int bodyStart = start + prefix.length();
        if (bodyStart > text.length() || !regionEquals(text, start, prefix)) {
            return -1;
        }
        // Read at most one character past the longest body: enough to know the run is too long.
        int end = body.runEnd(text, bodyStart, bodyStart + maxBody + 1);
        // A dot may belong to the body (GitLab's, SendGrid's) but also end a sentence.
        while (end > bodyStart && text.charAt(end - 1) == '.') {
            end--;
        }
        int length = end - bodyStart;
        if (length < minBody || length > maxBody) {
            return -1;
        }
        if (end < text.length() && CharClass.ALNUM.has(text.charAt(end))) {
            return -1;
        }
        return check.test(text.subSequence(start, end)) ? end : -1;
    }

    static boolean regionEquals(CharSequence text, int start, String expected) {
        if (start + expected.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (text.charAt(start + i) != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
