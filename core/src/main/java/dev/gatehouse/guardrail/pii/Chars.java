package dev.gatehouse.guardrail.pii;

/** Character classes the detectors share; ASCII only, because the formats they find are. */
final class Chars {

    private Chars() {
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean alnum(char c) {
        return digit(c) || asciiLetter(c);
    }

    static boolean hex(char c) {
        return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Whether the character at {@code i} exists and is a letter or digit of any script. */
    static boolean wordAt(CharSequence text, int i) {
        return i >= 0 && i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_');
    }

    static boolean digitAt(CharSequence text, int i) {
        return i >= 0 && i < text.length() && digit(text.charAt(i));
    }
}
