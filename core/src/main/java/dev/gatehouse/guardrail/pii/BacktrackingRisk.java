package dev.gatehouse.guardrail.pii;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Spots the shapes of regular expression that make a backtracking engine take exponential time:
 * a repeated group whose body can itself repeat without bound ({@code (a+)+}, {@code (x*y?)*},
 * {@code (\d+,){2,}}), where the engine tries every way of splitting the input between the two
 * loops; and back-references, which no linear engine can run. Deliberately simple: it reads
 * the pattern's structure (escapes, character classes, groups, quantifiers), not what the
 * atoms match, so it refuses some safe patterns ({@code (ab+)+} is one) and misses the
 * overlapping alternations ({@code (a|a)*}); the read budget in {@link DenyList} stops those.
 * Atomic groups ({@code (?>…)}) cannot backtrack into themselves and pass.
 */
final class BacktrackingRisk {

    private BacktrackingRisk() {
    }

    private static final class Group {
        final boolean atomic;
        boolean repeatsInside;

        Group(boolean atomic) {
            this.atomic = atomic;
        }
    }

    /** Why {@code regex} is refused, or null when it is not. */
    static String of(String regex) {
        Deque<Group> groups = new ArrayDeque<>();
        groups.push(new Group(false));
        int n = regex.length();
        int i = 0;
        while (i < n) {
            char c = regex.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < n && ((regex.charAt(i + 1) >= '1' && regex.charAt(i + 1) <= '9') || regex.charAt(i + 1) == 'k')) {
                        return "it uses a back-reference";
                    }
                    if (i + 1 < n && regex.charAt(i + 1) == 'Q') {
                        int end = regex.indexOf("\\E", i + 2);
                        i = end < 0 ? n : end + 2;
                    } else {
                        i += 2;
                    }
                    i = afterQuantifier(regex, i, groups.peek());
                }
                case '[' -> {
                    i = afterQuantifier(regex, classEnd(regex, i), groups.peek());
                }
                case '(' -> {
                    groups.push(new Group(regex.startsWith("(?>", i)));
                    i++;
                }
                case ')' -> {
                    if (groups.size() == 1) {
                        return null; // unbalanced: Pattern.compile says so with its own message
                    }
                    Group closed = groups.pop();
                    boolean inside = closed.repeatsInside && !closed.atomic;
                    int next = i + 1;
                    Quantifier q = Quantifier.at(regex, next);
                    if (inside && q.repeats()) {
                        return "a repeated group holds a quantifier without bound, like (a+)+, which can take"
                                + " exponential time on some inputs; rewrite it, or make the group atomic (?>…)";
                    }
                    Group parent = groups.peek();
                    parent.repeatsInside |= inside || q.unbounded();
                    i = next + q.length();
                }
                default -> i = afterQuantifier(regex, i + 1, groups.peek());
            }
        }
        return null;
    }

    /** Past the quantifier (if any) that follows an atom ending at {@code i}. */
    private static int afterQuantifier(String regex, int i, Group group) {
        Quantifier q = Quantifier.at(regex, i);
        if (q.unbounded()) {
            group.repeatsInside = true;
        }
        return i + q.length();
    }

    /** The index after the character class opening at {@code open}. */
    private static int classEnd(String regex, int open) {
        int depth = 0;
        int i = open;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']' && i > open + 1 && !(i == open + 2 && regex.charAt(open + 1) == '^')) {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return regex.length();
    }

    /** A quantifier's reach: how often the atom before it may repeat, and how long it is written. */
    private record Quantifier(int max, int length) {

        static final int UNBOUNDED = Integer.MAX_VALUE;

        boolean repeats() {
            return max > 1;
        }

        boolean unbounded() {
            return max == UNBOUNDED;
        }

        static Quantifier at(String regex, int i) {
            if (i >= regex.length()) {
                return new Quantifier(1, 0);
            }
            int length;
            int max;
            switch (regex.charAt(i)) {
                case '*', '+' -> {
                    length = 1;
                    max = UNBOUNDED;
                }
                case '?' -> {
                    length = 1;
                    max = 1;
                }
                case '{' -> {
                    int close = regex.indexOf('}', i);
                    if (close < 0) {
                        return new Quantifier(1, 0);
                    }
                    String body = regex.substring(i + 1, close);
                    length = close - i + 1;
                    max = bracesMax(body);
                }
                default -> {
                    return new Quantifier(1, 0);
                }
            }
            // A lazy (?) or possessive (+) mark after the quantifier is part of it.
            if (i + length < regex.length() && (regex.charAt(i + length) == '?' || regex.charAt(i + length) == '+')) {
                if (regex.charAt(i + length) == '+') {
                    max = Math.min(max, 1); // possessive: never gives back, so never backtracks
                }
                length++;
            }
            return new Quantifier(max, length);
        }

        private static int bracesMax(String body) {
            int comma = body.indexOf(',');
            try {
                if (comma < 0) {
                    return Integer.parseInt(body.trim());
                }
                String upper = body.substring(comma + 1).trim();
                return upper.isEmpty() ? UNBOUNDED : Integer.parseInt(upper);
            } catch (NumberFormatException e) {
                return 1; // not a quantifier: Pattern.compile reports it
            }
        }
    }
}
