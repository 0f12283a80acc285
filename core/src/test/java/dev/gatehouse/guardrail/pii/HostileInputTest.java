package dev.gatehouse.guardrail.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.guardrail.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs built to make a scanner walk the same characters again and again. Each detector reads a
 * character a bounded number of times, so a megabyte of any of these is scanned in one pass; a
 * quadratic scan would not finish in the build (nothing here measures time).
 */
class HostileInputTest {

    private static final int SIZE = 1 << 20;

    private static String repeat(String unit) {
        return unit.repeat(SIZE / unit.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"@", "a@", "a.", ".@", "1 ", "1-", "1.", "+1", "(1) ", "::", "1:", "a:", "f.", "[", "DE00",
        "0 ", "00 ", "1234 ", "-", "x@y."})
    void aMegabyteOfOneRepeatedPieceFindsNothing(String unit) {
        String text = repeat(unit);
        List<Finding> findings = PiiScanner.all().scan(text);
        assertEquals(List.of(), findings, () -> unit + " → " + findings.size() + " findings");
    }

    @Test
    void aMegabyteOfAddressesFindsEachOnce() {
        String text = repeat("a@b.co ");
        assertEquals(SIZE / 7, PiiScanner.all().scan(text).size());
        String ips = repeat("10.0.0.1 ");
        assertEquals(SIZE / 9, PiiScanner.all().scan(ips).size());
    }

    @Test
    void aLongLocalPartWithoutADomainIsPassedOverOnce() {
        String text = "x".repeat(SIZE) + "@";
        assertEquals(List.of(), PiiScanner.all().scan(text));
    }

    @Test
    void aStreamOfBracketsIsReleasedAsItComes() {
        Placeholders p = Placeholders.forRequest(PiiScanner.all());
        p.mask("jane@example.com");
        Restorer r = p.restorer();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            out.append(r.feed("[EMAIL_"));
        }
        out.append(r.finish());
        assertEquals("[EMAIL_".repeat(100_000), out.toString());
    }

    @Test
    void aDenyListOverAMegabyteOfWords() {
        DenyList list = DenyList.of(List.of("falcon", "project falcon eagle"), List.of());
        assertEquals(SIZE / 15, list.scan(repeat("project falcon ")).size());
    }
}
