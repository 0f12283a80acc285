package dev.gatehouse.guardrail.pii;

import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * E-mail addresses: a local part of the characters people use ({@code a-z 0-9 . _ % + -}), an
 * {@code @}, and a domain of at least two labels whose last one (the top-level domain) is two or
 * more letters. Quoted local parts and IP-literal domains, which RFC 5322 allows and nobody
 * types, are left out. Each {@code @} is looked at once, and the walk out from it is bounded by
 * RFC 5321's lengths (64 for the local part, 255 for the domain), so a scan is linear.
 */
final class EmailDetector implements Detector {

    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 255;

    @Override
    public List<Finding> scan(CharSequence text) {
        List<Finding> found = new ArrayList<>();
        int from = 0;
        for (int at = indexOf(text, '@', 0); at >= 0; at = indexOf(text, '@', at + 1)) {
            int start = localStart(text, at, from);
            if (start < 0) {
                continue;
            }
            int end = domainEnd(text, at + 1);
            if (end < 0) {
                continue;
            }
            found.add(new Finding(PiiKind.EMAIL.kind(), Finding.Category.PERSONAL_DATA, start, end));
            from = end;
            at = end - 1;
        }
        return found;
    }

    private static int indexOf(CharSequence text, char c, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean localChar(char c) {
        return Chars.alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    /** The local part's first index, or -1 when there is none (or it would pass {@code floor}). */
    private static int localStart(CharSequence text, int at, int floor) {
        int i = at;
        while (i > floor && at - i < MAX_LOCAL && localChar(text.charAt(i - 1))) {
            i--;
        }
        // A dot never starts or ends a local part; a longer run than the limit is no address.
        while (i < at && text.charAt(i) == '.') {
            i++;
        }
        if (i == at || text.charAt(at - 1) == '.' || (i > floor && localChar(text.charAt(i - 1)))) {
            return -1;
        }
        return i;
    }

    /** The end of the domain after {@code from}, or -1 when it is not one. */
    private static int domainEnd(CharSequence text, int from) {
        int i = from;
        int labels = 0;
        int lastLabelStart = from;
        int limit = Math.min(text.length(), from + MAX_DOMAIN);
        while (i < limit) {
            int labelStart = i;
            while (i < limit && (Chars.alnum(text.charAt(i)) || text.charAt(i) == '-')) {
                i++;
            }
            if (i == labelStart || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                // A bad label after a dot: the domain ends before that dot.
                i = labelStart > from ? labelStart - 1 : from;
                break;
            }
            labels++;
            lastLabelStart = labelStart;
            if (i + 1 < limit && text.charAt(i) == '.' && Chars.alnum(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        if (labels < 2 || Chars.wordAt(text, i)) {
            return -1;
        }
        for (int j = lastLabelStart; j < i; j++) {
            if (!Chars.asciiLetter(text.charAt(j))) {
                return -1;
            }
        }
        return i - lastLabelStart >= 2 ? i : -1;
    }
}
