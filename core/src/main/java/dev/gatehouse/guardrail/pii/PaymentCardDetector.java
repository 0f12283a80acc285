package dev.gatehouse.guardrail.pii;

import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Payment card numbers: 13 to 19 digits (ISO/IEC 7812), written together or in groups of 3 to 6
 * split by one kind of separator (a space or a dash; the last group may be shorter), with a valid Luhn check digit and a first
 * digit of a card network's range (the issuer identification number: 2221–2720 and 5 for
 * Mastercard, 3 for American Express, Diners and JCB, 4 for Visa, 6 for Discover, UnionPay and
 * Maestro). The range rules out the one in ten of other long numbers that pass Luhn by chance
 * and begin with 0, 1, 7, 8 or 9 (account numbers, order numbers, timestamps).
 */
final class PaymentCardDetector implements Detector {

    private static final DigitGroups RUNS = new DigitGroups(" -", 1);

    @Override
    public List<Finding> scan(CharSequence text) {
        List<Finding> found = new ArrayList<>();
        RUNS.forEachRun(text, 13, run -> DigitGroups.windows(text, run, 6, w -> {
            if (!isCard(w)) {
                return false;
            }
            found.add(new Finding(PiiKind.PAYMENT_CARD.kind(), Finding.Category.PERSONAL_DATA, w.start(), w.end()));
            return true;
        }));
        return found;
    }

    private static boolean isCard(DigitGroups.Window w) {
        int count = w.digitCount();
        if (count < 13 || count > 19 || !w.oneSeparator()) {
            return false;
        }
        if (w.groups().size() > 1) {
            // The last group may be short: a 13-digit card printed in fours ends with one digit.
            for (int i = 0; i < w.groups().size(); i++) {
                int length = w.groups().get(i).length();
                if (length > 6 || (length < 3 && i < w.groups().size() - 1)) {
                    return false;
                }
            }
        }
        String digits = w.digits();
        return digits.length() >= 13 && digits.length() <= 19 && networkRange(digits) && !oneDigit(digits)
                && Luhn.valid(digits);
    }

    static boolean networkRange(String digits) {
        return switch (digits.charAt(0)) {
            case '3', '4', '5', '6' -> true;
            case '2' -> {
                int four = Integer.parseInt(digits.substring(0, 4));
                yield four >= 2221 && four <= 2720;
            }
            default -> false;
        };
    }

    private static boolean oneDigit(String digits) {
        return digits.chars().allMatch(c -> c == digits.charAt(0));
    }
}
