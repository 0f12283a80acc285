package dev.gatehouse.guardrail.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromptSizeLimitTest {

    @Test
    void reportsTheFirstBoundGoneOver() {
        PromptSizeLimit limit = new PromptSizeLimit(1000, 200);
        assertTrue(limit.check(1000, 200).isEmpty());
        PromptSizeLimit.Exceeded chars = limit.check(1001, 500).orElseThrow();
        assertEquals(new PromptSizeLimit.Exceeded("characters", 1000, 1001), chars);
        assertEquals("the prompt has 1001 characters; this key's guardrail allows at most 1000", chars.message());
        assertEquals("tokens", limit.check(10, 201).orElseThrow().measure());
    }

    @Test
    void zeroMeansNoBound() {
        assertTrue(new PromptSizeLimit(0, 0).check(Long.MAX_VALUE, Long.MAX_VALUE).isEmpty());
        assertTrue(new PromptSizeLimit(0, 5).check(1_000_000, 5).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new PromptSizeLimit(-1, 0));
    }
}
