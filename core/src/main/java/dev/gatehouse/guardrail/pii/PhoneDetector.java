package dev.gatehouse.guardrail.pii;

import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Phone numbers in three shapes, each with something a plain number lacks, so that order
 * numbers, prices, dates and version strings stay alone:
 * <ul>
 *   <li>international (ITU-T E.164): {@code +} (or the {@code 00} international prefix), a
 *       country code that does not start with 0, 8 to 15 digits in all, separators optional
 *       ({@code +14155552671}, {@code +44 20 7946 0958});</li>
 *   <li>North American (the NANP's 3-3-4 plan): an area code and an exchange code that each
 *       start with 2–9, an optional leading 1, separated ({@code (415) 555-2671},
 *       {@code 415.555.2671}, {@code 1-415-555-2671});</li>
 *   <li>national with a trunk prefix 0, as most of Europe and much of the world dial:
 *       9 to 11 digits in at least two groups with one kind of separator
 *       ({@code 020 7946 0958}, {@code 06 12 34 56 78}, {@code 030-1234567}).</li>
 * </ul>
 * Ten digits in a row without a {@code +} are not found: nothing tells them from an identifier.
 */
final class PhoneDetector implements Detector {

    private static final DigitGroups RUNS = new DigitGroups(" -.()", 2);

    @Override
    public List<Finding> scan(CharSequence text) {
        List<Finding> found = new ArrayList<>();
        RUNS.forEachRun(text, 8, run -> DigitGroups.windows(text, run, 7, w -> {
            int start = phoneStart(w);
            if (start < 0) {
                return false;
            }
            found.add(new Finding(PiiKind.PHONE.kind(), Finding.Category.PERSONAL_DATA, start, w.end()));
            return true;
        }));
        return found;
    }

    /** Where the phone number in {@code w} starts (its {@code +} or {@code (} included), or -1. */
    private static int phoneStart(DigitGroups.Window w) {
        int count = w.digitCount();
        if (count < 8 || count > 17) {
            return -1; // no shape below has fewer or more ("00" and 15 digits at most)
        }
        CharSequence text = w.text();
        int start = w.start();
        String digits = w.digits();
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        if (before == '+') {
            boolean alone = !Chars.wordAt(text, start - 2);
            // After a +, any separator goes: "+1 (415) 555-2671", "+44 (0)20 7946 0958".
            return alone && international(digits) ? start - 1 : -1;
        }
        if (digits.startsWith("00")) {
            return w.groups().getFirst().length() <= 4 && w.groups().size() > 1 && international(digits.substring(2))
                    && plainSeparators(w, 0) ? start : -1;
        }
        int nanp = nanp(w);
        if (nanp >= 0) {
            return nanp;
        }
        return national(w, digits, before);
    }

    private static boolean international(String digits) {
        return digits.length() >= 8 && digits.length() <= 15 && digits.charAt(0) != '0';
    }

    /** Whether the separators from group {@code from} on are single spaces, dashes or dots. */
    private static boolean plainSeparators(DigitGroups.Window w, int from) {
        for (int i = from; i + 1 < w.groups().size(); i++) {
            String s = w.separatorAfter(i);
            if (s.length() != 1 || "-. ".indexOf(s.charAt(0)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int nanp(DigitGroups.Window w) {
        List<DigitGroups.Group> g = w.groups();
        int area;
        if (g.size() == 4 && g.get(0).length() == 1 && w.text().charAt(g.get(0).start()) == '1') {
            area = 1;
        } else if (g.size() == 3) {
            area = 0;
        } else {
            return -1;
        }
        if (g.get(area).length() != 3 || g.get(area + 1).length() != 3 || g.get(area + 2).length() != 4) {
            return -1;
        }
        CharSequence text = w.text();
        if (text.charAt(g.get(area).start()) < '2' || text.charAt(g.get(area + 1).start()) < '2') {
            return -1;
        }
        // The area code in parentheses, "(415) 555-2671", or no parentheses at all.
        boolean open = g.get(area).start() > 0 && text.charAt(g.get(area).start() - 1) == '(';
        String afterArea = w.separatorAfter(area);
        boolean close = afterArea.startsWith(")");
        // An opening parenthesis with no closing one after the area code encloses the whole
        // number instead: "(415-555-2671)".
        open &= close;
        if (open != close || (close && !(afterArea.equals(")") || afterArea.equals(") ")))) {
            return -1;
        }
        if (!plainSeparators(w, area + 1) || (!close && !plainSeparators(w, area))) {
            return -1;
        }
        if (area == 1) {
            String first = w.separatorAfter(0);
            if (!(first.equals(" (") ? open : first.length() == 1 && "-. ".indexOf(first.charAt(0)) >= 0)) {
                return -1;
            }
            return w.start();
        }
        return open ? w.start() - 1 : w.start();
    }

    private static int national(DigitGroups.Window w, String digits, char before) {
        List<DigitGroups.Group> g = w.groups();
        if (digits.charAt(0) != '0' || digits.length() < 9 || digits.length() > 11 || g.size() < 2) {
            return -1;
        }
        // Not the tail of a longer grouped number ("8 045 311 447 people"): a trunk 0 begins one.
        int start = w.start();
        if (start >= 2 && " -.".indexOf(w.text().charAt(start - 1)) >= 0 && Chars.digit(w.text().charAt(start - 2))) {
            return -1;
        }
        for (DigitGroups.Group group : g) {
            if (group.length() < 2 || group.length() > 8) {
                return -1;
            }
        }
        // "(020) 7946 0958": the trunk code in parentheses, then one kind of separator.
        String first = w.separatorAfter(0);
        if (before == '(' && first.startsWith(")")) {
            return (first.equals(")") || first.equals(") ")) && sameSeparators(w, 1) ? w.start() - 1 : -1;
        }
        return first.length() == 1 && "-. ".indexOf(first.charAt(0)) >= 0 && sameSeparators(w, 0) ? w.start() : -1;
    }

    private static boolean sameSeparators(DigitGroups.Window w, int from) {
        if (!plainSeparators(w, from)) {
            return false;
        }
        for (int i = from + 1; i + 1 < w.groups().size(); i++) {
            if (!w.separatorAfter(i).equals(w.separatorAfter(from))) {
                return false;
            }
        }
        return true;
    }
}
