package dev.gatehouse.server.store;

/**
 * Text made fit for a {@code VARCHAR(n)} column on every database Gatehouse supports, so that a
 * row holding text from a request can never be refused because of that text.
 *
 * <p>PostgreSQL refuses the NUL character in text and stores an unpaired UTF-16 surrogate as
 * {@code ?} (which would change what an audit entry's hash covers); both databases refuse text
 * longer than the column. {@link #fit} replaces control characters and unpaired surrogates with
 * U+FFFD and cuts what is too long, ending it with {@code …} so a reader sees it was cut. Java
 * characters are counted, never fewer than the code points the databases count.
 */
public final class StoredText {

    private static final char REPLACEMENT = '\uFFFD';
    private static final char CUT = '\u2026';

    private StoredText() {}

    /** {@code value} as it can be stored in a column of {@code max} characters; null stays null. */
    public static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        if (max < 2) {
            throw new IllegalArgumentException("a column of at least 2 characters");
        }
        String clean = clean(value);
        if (clean.length() <= max) {
            return clean;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--; // never split a pair
        }
        return clean.substring(0, end) + CUT;
    }

    /** Whether {@code value} is stored as given by {@link #fit} (no control character, no unpaired surrogate). */
    public static boolean isClean(String value) {
        return clean(value) == value;
    }

    /** The same text with control characters and unpaired surrogates replaced; {@code value} itself when there are none. */
    private static String clean(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
                if (!bad) {
                    if (out != null) {
                        out.append(c).append(value.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c) || Character.isISOControl(c);
            }
            if (bad && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                out.append(bad ? REPLACEMENT : c);
            }
        }
        return out == null ? value : out.toString();
    }
}
