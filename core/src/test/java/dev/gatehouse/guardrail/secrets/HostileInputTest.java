package dev.gatehouse.guardrail.secrets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Input built to make a backtracking matcher blow up: near-misses of every prefix, endless
 * separators, dotted runs of JWT-looking segments, PEM headers without bodies. Time is not
 * measured (the machine may be busy); the work is: a text that counts how often the scanner reads
 * a character. The reads per character must stay under a small bound, and the same at 16 KB and
 * at 256 KB, which a quadratic scan can not do.
 */
class HostileInputTest {

    /** Characters read per character of text; a few dozen at most, for any input. */
    private static final double MAX_READS_PER_CHAR = 40;

    private static final List<IntFunction<String>> HOSTILE = List.of(
            size -> repeat("sk-proj-", size),
            size -> repeat("eyJhbGciOi.", size),
            size -> repeat("eyJ", size),
            size -> repeat("-----BEGIN PRIVATE KEY-----", size),
            size -> repeat("-----BEGIN ", size),
            size -> repeat("password=", size),
            size -> repeat("api_key: a1", size),
            size -> repeat("Bearer ", size),
            size -> repeat("hooks.slack.com/services/", size),
            size -> repeat("AKIA", size),
            size -> repeat("ya29.", size),
            size -> repeat("\\n", size),
            size -> repeat("abc1Q~", size),
            size -> repeat("a", size),
            size -> repeat("secret=" + "A1b2".repeat(70) + " ", size));

    @Test
    void readsStayLinearOnHostileInput() {
        for (int i = 0; i < HOSTILE.size(); i++) {
            double small = readsPerChar(HOSTILE.get(i).apply(16 * 1024));
            double large = readsPerChar(HOSTILE.get(i).apply(256 * 1024));
            String what = "input " + i + ": " + small + " then " + large + " reads per character";
            assertTrue(large <= MAX_READS_PER_CHAR, what);
            assertTrue(large <= small * 1.5 + 1, "no growth with size, " + what);
        }
    }

    private static double readsPerChar(String text) {
        CountingText counting = new CountingText(text);
        SecretScanner.defaults().scan(counting);
        return counting.reads / (double) text.length();
    }

    private static String repeat(String unit, int size) {
        return unit.repeat(size / unit.length() + 1).substring(0, size);
    }

    /** A CharSequence that counts its reads. */
    private static final class CountingText implements CharSequence {
        private final String text;
        long reads;

        CountingText(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            reads += end - start;
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            reads += text.length();
            return text;
        }
    }
}
