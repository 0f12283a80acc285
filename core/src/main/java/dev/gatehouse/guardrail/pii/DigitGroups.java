package dev.gatehouse.guardrail.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs of digit groups joined by short separators ({@code 4111 1111 1111 1111},
 * {@code (555) 123-4567}), the shape card, phone and social security numbers share. A run is
 * maximal and never touches a letter on either side; a detector then tries windows of
 * consecutive groups in it, so a number written next to another ({@code 4111 1111 1111 1111 12/25})
 * is still found. Every character is read a bounded number of times: linear.
 */
final class DigitGroups {

    /** One group's digits: {@code text[start, end)}. */
    record Group(int start, int end) {
        int length() {
            return end - start;
        }
    }

    /** A window of consecutive groups, with what it is read from. */
    record Window(CharSequence text, List<Group> groups) {

        int start() {
            return groups.getFirst().start();
        }

        int end() {
            return groups.getLast().end();
        }

        /** How many digits the window holds, without building them. */
        int digitCount() {
            int count = 0;
            for (Group g : groups) {
                count += g.length();
            }
            return count;
        }

        String digits() {
            StringBuilder d = new StringBuilder(24);
            for (Group g : groups) {
                d.append(text, g.start(), g.end());
            }
            return d.toString();
        }

        /** The characters between group {@code i} and the next one. */
        String separatorAfter(int i) {
            return text.subSequence(groups.get(i).end(), groups.get(i + 1).start()).toString();
        }

        /** Whether every separator in the window is the same one-character string, or there is none. */
        boolean oneSeparator() {
            for (int i = 0; i + 1 < groups.size(); i++) {
                String s = separatorAfter(i);
                if (s.length() != 1 || !s.equals(separatorAfter(0))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final String separators;
    private final int maxSeparator;

    /** Groups joined by 1 to {@code maxSeparator} characters, each one of {@code separators}. */
    DigitGroups(String separators, int maxSeparator) {
        this.separators = separators;
        this.maxSeparator = maxSeparator;
    }

    /**
     * Hands each run (its groups, in order) with at least {@code minDigits} digits to {@code run}.
     * A run is measured before any of it is built, so the short numbers most text is full of
     * (years, times, counts) cost no allocation.
     */
    void forEachRun(CharSequence text, int minDigits, Consumer<List<Group>> run) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!Chars.digit(text.charAt(i)) || Chars.wordAt(text, i - 1)) {
                // Digits inside a word (a1234, v2) are no number; the whole word is passed over.
                i = Chars.wordAt(text, i) ? skipWord(text, i) : i + 1;
                continue;
            }
            int start = i;
            int digits = 0;
            int end = i;
            for (int j = i; ; ) {
                int groupEnd = digitsEnd(text, j);
                digits += groupEnd - j;
                end = groupEnd;
                int next = separatorEnd(text, groupEnd);
                if (next > groupEnd && next < n && Chars.digit(text.charAt(next))) {
                    j = next;
                } else {
                    break;
                }
            }
            i = end;
            if (digits >= minDigits && !Chars.wordAt(text, end)) {
                run.accept(groups(text, start, end));
            }
        }
    }

    private static int digitsEnd(CharSequence text, int from) {
        int end = from;
        while (end < text.length() && Chars.digit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private int separatorEnd(CharSequence text, int from) {
        int sep = from;
        while (sep < text.length() && sep - from < maxSeparator && separators.indexOf(text.charAt(sep)) >= 0) {
            sep++;
        }
        return sep;
    }

    /** The groups of the run measured as {@code text[start, end)}. */
    private List<Group> groups(CharSequence text, int start, int end) {
        List<Group> groups = new ArrayList<>(4);
        int j = start;
        while (j < end) {
            int groupEnd = digitsEnd(text, j);
            groups.add(new Group(j, groupEnd));
            j = separatorEnd(text, groupEnd);
        }
        return groups;
    }

    private static int skipWord(CharSequence text, int i) {
        int j = i + 1;
        while (j < text.length() && Chars.wordAt(text, j)) {
            j++;
        }
        return j;
    }

    /**
     * Tries windows of consecutive groups, leftmost first and longest first from each start, at
     * most {@code maxGroups} long; {@code accept} says whether a window is a match (and records
     * it). After a match the search goes on after it.
     */
    static void windows(CharSequence text, List<Group> run, int maxGroups, Predicate<Window> accept) {
        int from = 0;
        while (from < run.size()) {
            int matchedTo = -1;
            for (int to = Math.min(run.size(), from + maxGroups); to > from; to--) {
                if (accept.test(new Window(text, run.subList(from, to)))) {
                    matchedTo = to;
                    break;
                }
            }
            from = matchedTo > 0 ? matchedTo : from + 1;
        }
    }
}
