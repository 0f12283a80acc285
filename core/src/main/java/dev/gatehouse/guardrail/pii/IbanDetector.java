package dev.gatehouse.guardrail.pii;

import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * IBANs (ISO 13616): a country code in capitals, two check digits and the country's account
 * number, in the electronic form ({@code DE89370400440532013000}) or the printed one in groups of
 * four ({@code DE89 3704 0044 0532 0130 00}). Found only with exactly the country's length
 * ({@link IbanCountries}) and a valid check: the number with its first four characters moved to
 * the end, letters read as 10–35, is 1 modulo 97 (ISO 7064 MOD 97-10), which a random string
 * passes about once in 97.
 */
final class IbanDetector implements Detector {

    @Override
    public List<Finding> scan(CharSequence text) {
        List<Finding> found = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i + 4 <= n; i++) {
            if (!startsIban(text, i)) {
                continue;
            }
            int length = IbanCountries.length(text.subSequence(i, i + 2));
            if (length == 0) {
                continue;
            }
            int end = end(text, i, length);
            if (end > 0 && checksumHolds(text, i, end)) {
                found.add(new Finding(PiiKind.IBAN.kind(), Finding.Category.PERSONAL_DATA, i, end));
                i = end - 1;
            }
        }
        return found;
    }

    private static boolean startsIban(CharSequence text, int i) {
        char a = text.charAt(i);
        char b = text.charAt(i + 1);
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z' && Chars.digit(text.charAt(i + 2))
                && Chars.digit(text.charAt(i + 3)) && !Chars.wordAt(text, i - 1);
    }

    /**
     * The end of an IBAN of {@code length} characters starting at {@code start}, single spaces
     * allowed only between groups of four (the printed form), or -1.
     */
    private static int end(CharSequence text, int start, int length) {
        int count = 0;
        int i = start;
        while (count < length && i < text.length()) {
            char c = text.charAt(i);
            if (Chars.alnum(c)) {
                count++;
                i++;
            } else if (c == ' ' && count % 4 == 0 && i + 1 < text.length() && Chars.alnum(text.charAt(i + 1))) {
                i++;
            } else {
                return -1;
            }
        }
        return count == length && !Chars.wordAt(text, i) ? i : -1;
    }

    static boolean checksumHolds(CharSequence text, int start, int end) {
        StringBuilder chars = new StringBuilder(34);
        for (int i = start; i < end; i++) {
            if (text.charAt(i) != ' ') {
                chars.append(Character.toUpperCase(text.charAt(i)));
            }
        }
        String rearranged = chars.substring(4) + chars.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int value = Chars.digit(c) ? c - '0' : c - 'A' + 10;
            remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
        }
        return remainder == 1;
    }
}
