package dev.gatehouse.guardrail.secrets;

/**
 * Shannon entropy of a string's characters, in bits per character: what tells a random value
 * (a 32-character hex key scores about 3.7, a base64 one about 4.5 and more) from a word or a
 * placeholder (under 3), as detect-secrets' and gitleaks' entropy filters do.
 */
final class Entropy {

    private Entropy() {
    }

    static double bitsPerChar(CharSequence text, int start, int end) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double length = end - start;
        double bits = other == 0 ? 0 : -(other / length) * log2(other / length);
        for (int count : counts) {
            if (count > 0) {
                double p = count / length;
                bits -= p * log2(p);
            }
        }
        return bits;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
