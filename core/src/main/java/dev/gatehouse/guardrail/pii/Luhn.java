package dev.gatehouse.guardrail.pii;

/**
 * The Luhn check digit (ISO/IEC 7812-1, annex B): from the right, every second digit doubled
 * (less 9 when over 9), the sum a multiple of 10. It catches every single-digit typo, so a
 * random 16-digit number passes one time in ten.
 */
final class Luhn {

    private Luhn() {
    }

    static boolean valid(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
