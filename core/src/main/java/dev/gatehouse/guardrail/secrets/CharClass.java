package dev.gatehouse.guardrail.secrets;

/**
 * A set of ASCII characters, tested with one bit lookup: the scanner's rules say which characters
 * a key's body may hold with these instead of regular expressions, so matching never backtracks.
 */
record CharClass(long low, long high) {

    static final CharClass ALNUM = of("A-Za-z0-9");
    /** Base64url, the alphabet of most modern tokens (and of Gatehouse's keys). */
    static final CharClass BASE64URL = of("A-Za-z0-9_-");
    static final CharClass BASE64 = of("A-Za-z0-9+/");
    static final CharClass HEX_LOWER = of("0-9a-f");
    static final CharClass HEX = of("0-9a-fA-F");
    static final CharClass DIGIT = of("0-9");
    static final CharClass UPPER_BASE32 = of("A-Z2-7");
    static final CharClass LETTER = of("A-Za-z");
    static final CharClass UPPER_ALNUM = of("A-Z0-9");

    /** A class from ranges and single characters: {@code "A-Za-z0-9_-"} (a trailing '-' is literal). */
    static CharClass of(String spec) {
        long low = 0;
        long high = 0;
        for (int i = 0; i < spec.length(); i++) {
            char from = spec.charAt(i);
            char to = from;
            if (i + 2 < spec.length() && spec.charAt(i + 1) == '-') {
                to = spec.charAt(i + 2);
                i += 2;
            }
            for (char c = from; c <= to; c++) {
                if (c >= 128) {
                    throw new IllegalArgumentException("ASCII only: " + spec);
                }
                if (c < 64) {
                    low |= 1L << c;
                } else {
                    high |= 1L << (c - 64);
                }
            }
        }
        return new CharClass(low, high);
    }

    boolean has(char c) {
        if (c < 64) {
            return (low & (1L << c)) != 0;
        }
        return c < 128 && (high & (1L << (c - 64))) != 0;
    }

    CharClass plus(String spec) {
        CharClass more = of(spec);
        return new CharClass(low | more.low, high | more.high);
    }

    /** The index after the run of this class's characters from {@code from}, read at most up to {@code limit}. */
    int runEnd(CharSequence text, int from, int limit) {
        int end = Math.min(limit, text.length());
        int i = from;
        while (i < end && has(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
