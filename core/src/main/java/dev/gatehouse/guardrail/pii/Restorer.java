package dev.gatehouse.guardrail.pii;

/**
 * Puts a request's originals back into a streamed answer, chunk by chunk. A placeholder may be
 * split across chunks ({@code "[EMA"} then {@code "IL_1] wrote"}), so the text from the last
 * {@code [} that could still begin one is held back until the next chunk says whether it does;
 * at most one placeholder's length is ever held. Everything else is released at once, so the
 * stream's pace stays the model's.
 */
public final class Restorer {

    private final Placeholders placeholders;
    private final StringBuilder held = new StringBuilder();

    Restorer(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    /** The text that can be released after {@code chunk}, originals restored; may be empty. */
    public String feed(CharSequence chunk) {
        held.append(chunk);
        return release(false);
    }

    /** What is still held, at the stream's end: a placeholder's beginning that never finished. */
    public String finish() {
        return release(true);
    }

    private String release(boolean last) {
        if (placeholders.isEmpty()) {
            String all = held.toString();
            held.setLength(0);
            return all;
        }
        StringBuilder out = new StringBuilder(held.length());
        int n = held.length();
        int i = 0;
        while (i < n) {
            char c = held.charAt(i);
            if (c != '[') {
                out.append(c);
                i++;
                continue;
            }
            int close = closing(i);
            if (close > 0) {
                String original = placeholders.originalOf(held.substring(i, close + 1));
                if (original != null) {
                    out.append(original);
                    i = close + 1;
                    continue;
                }
            } else if (!last && placeholders.startsSome(held.subSequence(i, n))) {
                break;
            }
            out.append(c);
            i++;
        }
        held.delete(0, i);
        return out.toString();
    }

    /** The {@code ]} closing a placeholder-long bracket at {@code open}, or -1. */
    private int closing(int open) {
        int limit = Math.min(held.length(), open + placeholders.longest());
        for (int j = open + 1; j < limit; j++) {
            char c = held.charAt(j);
            if (c == ']') {
                return j;
            }
            if (c == '[') {
                return -1;
            }
        }
        return -1;
    }
}
