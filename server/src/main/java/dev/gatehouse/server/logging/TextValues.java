package dev.gatehouse.server.logging;

/** How text lines keep one record on one line: control characters escaped, values quoted when they must be. */
final class TextValues {

    private TextValues() {}

    /**
     * {@code text} with every control character (a line break above all) and the Unicode line and
     * paragraph separators written as escapes ({@code \n}, {@code \r}, {@code \t}, {@code \}{@code uXXXX}),
     * so that a message can never start a line that looks like a record of its own.
     */
    static String oneLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * A {@code key=value} pair's value: as it is when it has no space, quote, equals sign or
     * backslash and is not empty; else in double quotes with {@code "} and {@code \} escaped
     * (the logfmt convention Loki's and Vector's parsers read).
     */
    static String quoted(String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; plain && i < value.length(); i++) {
            char c = value.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\' && escape(c) == null;
        }
        if (plain) {
            return value;
        }
        return '"' + oneLine(value.replace("\\", "\\\\").replace("\"", "\\\"")) + '"';
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04x", (int) c) : null;
        };
    }
}
