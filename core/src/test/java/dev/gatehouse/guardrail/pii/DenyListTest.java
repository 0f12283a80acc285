package dev.gatehouse.guardrail.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.guardrail.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DenyListTest {

    private static List<String> matched(DenyList list, String text) {
        return list.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    @Test
    void wordsMatchWholeWordsInAnyCase() {
        DenyList list = DenyList.of(List.of("falcon", "Ass"), List.of());
        assertEquals(List.of("Falcon", "FALCON", "ass"), matched(list, "Falcon and FALCON, the falconry class; ass."));
        Finding f = list.scan("falcon").getFirst();
        assertEquals("denied_word", f.kind());
        assertEquals(Finding.Category.DENIED, f.category());
    }

    @Test
    void phrasesMatchWhateverStandsBetweenTheirWords() {
        DenyList list = DenyList.of(List.of("project falcon", "project"), List.of());
        assertEquals(List.of("Project  Falcon", "project-falcon", "project"),
                matched(list, "Project  Falcon, project-falcon and project eagle"));
    }

    @Test
    void wordsOfOtherScriptsFoldTheirCase() {
        DenyList list = DenyList.of(List.of("Straße", "ΣΟΦΙΑ", "ΟΔΟΣ"), List.of());
        assertEquals(List.of("STRASSE", "σοφια", "οδος"), matched(list, "die STRASSE und σοφια, οδος"));
    }

    @Test
    void patternsMatchAndNameThemselves() {
        DenyList list = DenyList.of(List.of(), List.of(new DenyList.NamedPattern("internal_host", "\\b[a-z0-9-]+\\.corp\\.example\\b")));
        String text = "see build-01.corp.example and www.example.com";
        List<Finding> findings = list.scan(text);
        assertEquals(1, findings.size());
        assertEquals("denied_pattern:internal_host", findings.getFirst().kind());
        assertEquals("build-01.corp.example", text.substring(findings.getFirst().start(), findings.getFirst().end()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+b", "(a*)*", "(\\w+\\s?)*$", "(x+x+)+y", "((ab)*c)+", "(\\d+,){2,}", "(a)\\1", "(?<x>a)\\k<x>", "(ab+)+"})
    void patternsAtRiskOfCatastrophicBacktrackingAreRefused(String regex) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenyList.of(List.of(), List.of(new DenyList.NamedPattern("bad", regex))));
        assertTrue(e.getMessage().startsWith("deny list pattern bad is refused"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\bfoo\\w+", "(ab|cd)+", "(?>a+)+b", "[(a+)+]", "\\(a+\\)+", "(a{1,3}){2}", "(a?)+",
        "(?i)secret\\s+project", "\\Q(a+)+\\E", "(ab++)+", "(?>ab+)+"})
    void ordinaryPatternsPass(String regex) {
        DenyList.of(List.of(), List.of(new DenyList.NamedPattern("ok", regex)));
    }

    @Test
    void aPatternThatDoesNotCompileIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenyList.of(List.of(), List.of(new DenyList.NamedPattern("broken", "(abc"))));
        assertTrue(e.getMessage().startsWith("deny list pattern broken does not compile"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DenyList.of(List.of(" -- "), List.of()));
    }

    @Test
    void aSlowPatternRunsOutOfBudgetAndFailsClosed() {
        // Quadratic, not caught by the shape check: every start scans to the end looking for a "b".
        DenyList list = DenyList.of(List.of(), List.of(new DenyList.NamedPattern("slow", "a.*b|a.*c")));
        String hostile = "a".repeat(20_000);
        List<Finding> findings = list.scan(hostile);
        assertEquals(1, findings.size());
        Finding f = findings.getFirst();
        assertEquals("denied_pattern_too_slow:slow", f.kind());
        assertEquals(0, f.start());
        assertEquals(hostile.length(), f.end());
        // The same pattern on ordinary text is within budget and finds nothing.
        assertEquals(List.of(), list.scan("nothing to see here, just prose."));
    }

    @Test
    void quantifiersInARowThatSlipThroughTheShapeCheckAreStoppedByTheBudget() {
        // Polynomial (n to the fifth) without a nested group: the shape check lets it pass.
        DenyList list = DenyList.of(List.of(), List.of(new DenyList.NamedPattern("row", "a*a*a*a*a*b")));
        List<Finding> findings = list.scan("a".repeat(300) + "!");
        assertEquals(List.of("denied_pattern_too_slow:row"), findings.stream().map(Finding::kind).toList());
        assertEquals(List.of("aaab"), matched(list, "x aaab y"));
    }

    @Test
    void anEmptyListFindsNothing() {
        DenyList list = DenyList.of(List.of(), List.of());
        assertTrue(list.isEmpty());
        assertEquals(List.of(), list.scan("anything"));
    }
}
