package dev.gatehouse.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Text fitted to a column: what the databases refuse is replaced, what is too long cut with a mark. */
class StoredTextTest {

    @Test
    void cleanTextThatFitsIsKeptAsItIs() {
        String text = "gpt-4o \u00e9\ud83d\ude00";
        assertSame(text, StoredText.fit(text, 40));
        assertTrue(StoredText.isClean(text));
        assertNull(StoredText.fit(null, 10));
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesAreReplaced() {
        assertEquals("a\uFFFDb\uFFFDc\ud83d\ude00", StoredText.fit("a\u0000b\tc\ud83d\ude00", 40),
                "NUL and tab replaced, a pair kept");
        assertEquals("x\uFFFDy", StoredText.fit("x\udc00y", 10), "a low surrogate alone");
        assertEquals("x\uFFFD", StoredText.fit("x\ud800", 10), "a high surrogate at the end");
        assertFalse(StoredText.isClean("m\u0000"));
        assertFalse(StoredText.isClean("m\u007f"));
    }

    @Test
    void tooLongTextIsCutToTheWidthWithAMarkAndNeverSplitsAPair() {
        String cut = StoredText.fit("a".repeat(300), 256);
        assertEquals(256, cut.length());
        assertTrue(cut.endsWith("a\u2026"));
        // The 9th and 10th chars are a pair: cutting at 9 would split it, so it goes whole.
        String pair = StoredText.fit("abcdefgh\ud83d\ude00xyz", 10);
        assertEquals("abcdefgh\u2026", pair);
        assertTrue(StoredText.isClean(pair));
    }
}
