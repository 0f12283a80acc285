package dev.gatehouse.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.guardrail.Finding.Category;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void replacesEachFindingWithItsKind() {
        String text = "key AKIA1234 and mail bob@example.com.";
        List<Finding> findings = List.of(
                new Finding("email", Category.PERSONAL_DATA, 22, 37),
                new Finding("aws", Category.SECRET, 4, 12));
        assertEquals("key [REDACTED:aws] and mail [REDACTED:email].", Masking.mask(text, findings));
    }

    @Test
    void mergesOverlappingAndTouchingFindingsSoNothingOfEitherSurvives() {
        String text = "0123456789abcdef";
        List<Finding> findings = List.of(
                new Finding("inner", Category.SECRET, 4, 8),
                new Finding("outer", Category.SECRET, 2, 10),
                new Finding("next", Category.SECRET, 10, 12));
        assertEquals("01[REDACTED:outer]cdef", Masking.mask(text, findings));
    }

    @Test
    void customPlaceholder() {
        String masked = Masking.mask("call 555-0100 now", List.of(new Finding("phone", Category.PERSONAL_DATA, 5, 13)),
                f -> "<" + f.category() + ">");
        assertEquals("call <PERSONAL_DATA> now", masked);
    }

    @Test
    void noFindingsLeavesTextAlone() {
        assertEquals("plain", Masking.mask(new StringBuilder("plain"), List.of()));
    }

    @Test
    void rejectsFindingsOutsideTheText() {
        assertThrows(IllegalArgumentException.class,
                () -> Masking.mask("short", List.of(new Finding("x", Category.DENIED, 2, 9))));
    }

    @Test
    void findingNeverShowsTextAndChecksItsRange() {
        Finding finding = new Finding("jwt", Category.SECRET, 3, 40);
        assertFalse(finding.toString().contains("eyJ"));
        assertEquals(37, finding.length());
        assertThrows(IllegalArgumentException.class, () -> new Finding("jwt", Category.SECRET, 5, 5));
        assertThrows(IllegalArgumentException.class, () -> new Finding(" ", Category.SECRET, 0, 1));
    }
}
