package dev.gatehouse.guardrail.pii;

/** The words of a text: maximal runs of letters and digits of any script (code points). */
final class WordTokens {

    interface Span {
        void accept(int start, int end);
    }

    private WordTokens() {
    }

    static void forEach(CharSequence text, Span span) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = Character.codePointAt(text, i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n) {
                cp = Character.codePointAt(text, i);
                if (!Character.isLetterOrDigit(cp) && Character.getType(cp) != Character.NON_SPACING_MARK) {
                    break;
                }
                i += Character.charCount(cp);
            }
            span.accept(start, i);
        }
    }
}
