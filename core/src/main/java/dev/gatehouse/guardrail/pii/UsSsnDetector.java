package dev.gatehouse.guardrail.pii;

import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * US social security numbers written as people write them: {@code AAA-GG-SSSS} (or with spaces),
 * the three parts apart. Nine digits in a row are left alone: too many other numbers look like
 * that, and an SSN has no check digit to tell them apart. Numbers the Social Security
 * Administration never assigns are not findings (SSA, "Which Social Security numbers are
 * invalid?", and POMS RM 10201.035): area 000, 666 and 900–999, group 00, serial 0000; nor are
 * 987-65-4320 to 987-65-4329, set aside for advertisements (in the 900s anyway).
 */
final class UsSsnDetector implements Detector {

    private static final DigitGroups RUNS = new DigitGroups(" -", 1);

    @Override
    public List<Finding> scan(CharSequence text) {
        List<Finding> found = new ArrayList<>();
        RUNS.forEachRun(text, 9, run -> {
            // The whole run, never a part: 123-45-6789-0 is some other identifier.
            if (run.size() != 3) {
                return;
            }
            DigitGroups.Window w = new DigitGroups.Window(text, run);
            if (w.oneSeparator() && run.get(0).length() == 3 && run.get(1).length() == 2 && run.get(2).length() == 4
                    && assignable(w.digits())) {
                found.add(new Finding(PiiKind.US_SSN.kind(), Finding.Category.PERSONAL_DATA, w.start(), w.end()));
            }
        });
        return found;
    }

    static boolean assignable(String nineDigits) {
        int area = Integer.parseInt(nineDigits.substring(0, 3));
        int group = Integer.parseInt(nineDigits.substring(3, 5));
        int serial = Integer.parseInt(nineDigits.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }
}
