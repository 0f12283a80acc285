package dev.gatehouse.api.wire;

/**
 * Bounds what an error answer repeats. Messages quote what they refuse (a model name, a field, an
 * upstream's own message), and a caller can make that as long as the body limit allows: an
 * answer that echoes ten thousand characters back is a reflection amplifier and fills logs. Every
 * error body is written through here, so no message, whoever wrote it, can be longer than this.
 */
public final class ErrorText {

    /** Longer than any message Gatehouse writes itself, and than the upstream messages worth reading. */
    public static final int MAX_MESSAGE = 2_000;
    /** A field name or path; the longest a real API documents is far shorter. */
    public static final int MAX_PARAM = 200;

    private ErrorText() {}

    public static String message(String text) {
        return bounded(text, MAX_MESSAGE);
    }

    public static String param(String text) {
        return bounded(text, MAX_PARAM);
    }

    private static String bounded(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = max;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never split a character in two
        }
        return text.substring(0, cut) + "… (" + (text.length() - cut) + " more characters not shown)";
    }
}
