package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parsing rules of https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation */
class SseReaderTest {

    private static SseReader reader(String text) {
        return new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsNamedAndUnnamedEvents() throws IOException {
        SseReader reader = reader("event: message_start\ndata: {\"a\":1}\n\ndata: {\"b\":2}\n\n");
        assertEquals(new SseReader.Event("message_start", "{\"a\":1}"), reader.next());
        assertEquals(new SseReader.Event(null, "{\"b\":2}"), reader.next());
        assertNull(reader.next());
    }

    @Test
    void acceptsCrLfAndLoneCrLineEnds() throws IOException {
        SseReader reader = reader("data: one\r\n\r\ndata: two\r\rdata: three\n\n");
        assertEquals("one", reader.next().data());
        assertEquals("two", reader.next().data());
        assertEquals("three", reader.next().data());
        assertNull(reader.next());
    }

    @Test
    void skipsCommentsAndJoinsDataLines() throws IOException {
        SseReader reader = reader(": OPENROUTER PROCESSING\n\ndata: first\ndata: second\nid: 7\nretry: 10\n\n");
        assertEquals(new SseReader.Event(null, "first\nsecond"), reader.next());
        assertNull(reader.next());
    }

    @Test
    void removesOnlyOneLeadingSpaceAndKeepsColonsInData() throws IOException {
        SseReader reader = reader("data:  two spaces: and a colon\n\ndata:none\n\n");
        assertEquals(" two spaces: and a colon", reader.next().data());
        assertEquals("none", reader.next().data());
    }

    @Test
    void deliversALastEventWithoutItsBlankLine() throws IOException {
        SseReader reader = reader("data: tail");
        assertEquals("tail", reader.next().data());
        assertNull(reader.next());
    }

    @Test
    void saysWhetherMoreInputHasAlreadyArrived() throws IOException {
        SseReader reader = reader("data: one\n\ndata: two\n\n");
        reader.next();
        assertEquals(true, reader.hasBufferedInput(), "the second event is already here");
        reader.next();
        assertEquals(false, reader.hasBufferedInput(), "nothing left");
    }

    @Test
    void anEventNameWithoutDataIsNotDispatched() throws IOException {
        SseReader reader = reader("event: ping\n\ndata: x\n\n");
        assertEquals(new SseReader.Event(null, "x"), reader.next());
    }
}
