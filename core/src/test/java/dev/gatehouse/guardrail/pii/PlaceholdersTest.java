package dev.gatehouse.guardrail.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.guardrail.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reversible masking: placeholders out, originals back, also when a stream splits them. */
class PlaceholdersTest {

    private static final String PROMPT = "Mail jane@example.com or bob@example.org, or call +44 20 7946 0958. "
            + "Jane's address again: jane@example.com.";

    @Test
    void masksEachValueWithANumberedPlaceholderStableWithinTheRequest() {
        Placeholders p = Placeholders.forRequest(PiiScanner.all());
        String masked = p.mask(PROMPT);
        assertEquals("Mail [EMAIL_1] or [EMAIL_2], or call [PHONE_1]. Jane's address again: [EMAIL_1].", masked);
        // A second text of the same request (another message) reuses the numbers.
        assertEquals("cc [EMAIL_2] and [EMAIL_3]", p.mask("cc bob@example.org and eve@example.net"));
        assertEquals(Map.of("email", 5, "phone", 1), p.maskedByKind());
    }

    @Test
    void restoresTheOriginalsInTheAnswer() {
        Placeholders p = Placeholders.forRequest(PiiScanner.all());
        String masked = p.mask(PROMPT);
        assertEquals(PROMPT, p.restore(masked), "round trip");
        assertEquals("I wrote to jane@example.com and called +44 20 7946 0958.",
                p.restore("I wrote to [EMAIL_1] and called [PHONE_1]."));
    }

    @Test
    void placeholdersTheRequestNeverIssuedStayAsWritten() {
        Placeholders p = Placeholders.forRequest(PiiScanner.all());
        p.mask("jane@example.com");
        String answer = "[EMAIL_7], [PHONE_1], EMAIL_1, [email_1], [EMAIL_1 ] and [ stay";
        assertEquals(answer, p.restore(answer));
    }

    @Test
    void aPlaceholderTheCallerWroteIsNeverIssued() {
        Placeholders p = Placeholders.forRequest(PiiScanner.all());
        String masked = p.mask("Template [EMAIL_1] goes to jane@example.com");
        assertEquals("Template [EMAIL_1] goes to [EMAIL_2]", masked);
        assertEquals("Template [EMAIL_1] goes to jane@example.com", p.restore(masked));
    }

    @Test
    void restoresAcrossEveryWayAStreamCanSplitTheAnswer() {
        Placeholders p = Placeholders.forRequest(PiiScanner.all());
        p.mask(PROMPT);
        String answer = "Dear [EMAIL_1], [EMAIL_2] asked [PHONE_1] about [x] and [EMAIL_1][PHONE_1]";
        String expected = p.restore(answer);
        assertEquals("Dear jane@example.com, bob@example.org asked +44 20 7946 0958 about [x] and "
                + "jane@example.com+44 20 7946 0958", expected);
        for (int cut = 0; cut <= answer.length(); cut++) {
            for (int cut2 = cut; cut2 <= answer.length(); cut2 += 3) {
                Restorer r = p.restorer();
                String out = r.feed(answer.substring(0, cut)) + r.feed(answer.substring(cut, cut2))
                        + r.feed(answer.substring(cut2)) + r.finish();
                assertEquals(expected, out, "cut at " + cut + " and " + cut2);
            }
        }
    }

    @Test
    void aStreamHoldsBackOnlyWhatCouldStillBecomeAPlaceholder() {
        Placeholders p = Placeholders.forRequest(PiiScanner.all());
        p.mask("jane@example.com");
        Restorer r = p.restorer();
        assertEquals("Hello ", r.feed("Hello [EMA"));
        assertEquals("jane@example.com!", r.feed("IL_1]!"));
        assertEquals("see ", r.feed("see [EMAIL_"));
        assertEquals("[EMAIL_", r.finish(), "an unfinished placeholder is released as written at the end");
        Restorer other = p.restorer();
        assertEquals("[not a placeholder", other.feed("[not a placeholder"), "nothing held that cannot become one");
    }

    @Test
    void withNothingMaskedEverythingPassesAtOnce() {
        Placeholders p = Placeholders.forRequest(PiiScanner.all());
        assertEquals("no personal data here", p.mask("no personal data here"));
        assertTrue(p.isEmpty());
        Restorer r = p.restorer();
        assertEquals("[EMA", r.feed("[EMA"));
        assertEquals("", r.finish());
    }

    @Test
    void overlappingFindingsFromSeveralDetectorsBecomeOnePlaceholderForAllTheirCharacters() {
        Placeholders p = Placeholders.forRequest(PiiScanner.all());
        String text = "id ABC-123-XYZ end";
        List<Finding> findings = List.of(new Finding("customer_id", Finding.Category.DENIED, 3, 10),
                new Finding("ticket", Finding.Category.DENIED, 7, 14));
        String masked = p.mask(text, findings);
        assertEquals("id [CUSTOMER_ID_1] end", masked);
        assertEquals(text, p.restore(masked));
        assertFalse(p.isEmpty());
    }

    @Test
    void labelsComeFromTheKind() {
        assertEquals("PAYMENT_CARD", Placeholders.label("payment_card"));
        assertEquals("DENIED_PATTERN_CODE_NAME", Placeholders.label("denied_pattern:code-name"));
    }
}
