package dev.gatehouse.http;

import dev.gatehouse.api.ServerSentEvent;

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
        assertEquals(new ServerSentEvent("message_start", "{\"a\":1}"), reader.next());
        assertEquals(new ServerSentEvent(null, "{\"b\":2}"), reader.next());
        assertNull(reader.next());
    }

    @Test
    void aLineEndSplitAcrossReadsIsOneLineEnd() throws IOException {
        // The stream hands over one byte per read, so CR and LF of every CRLF arrive apart.
        byte[] bytes = "data: one\r\n\r\ndata: two\r\rdata: three\n\n".getBytes(StandardCharsets.UTF_8);
        java.io.InputStream trickle = new java.io.InputStream() {
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] & 0xff : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                int b = read();
                if (b < 0) {
                    return -1;
                }
                into[offset] = (byte) b;
                return 1;
            }
        };
        SseReader reader = new SseReader(trickle);
        assertEquals("one", reader.next().data());
        assertEquals("two", reader.next().data());
        assertEquals("three", reader.next().data());
        assertNull(reader.next());
    }

    @Test
    void multiByteCharactersSurviveAnyPlaceOfTheBufferEdge() throws IOException {
        String text = "é€😀".repeat(4000); // 36,000 bytes of two-, three- and four-byte UTF-8 sequences
        SseReader reader = reader("data: " + text + "\n\n");
        assertEquals(text, reader.next().data());
    }

    @Test
    void aLineLongerThanTheEventBoundEndsTheStreamWithAClearError() {
        UpstreamLimits limits = new UpstreamLimits(1 << 20, 1024);
        // A line that never ends: the reader must stop at the bound, not read on.
        java.io.InputStream endless = new java.io.InputStream() {
            private long served;

            @Override
            public int read() {
                if (served++ > 10L * 1024 * 1024) {
                    throw new AssertionError("the reader read 10 MiB of one line");
                }
                return 'a';
            }
        };
        SseReader reader = new SseReader(endless, limits);
        dev.gatehouse.api.GatewayException error = org.junit.jupiter.api.Assertions.assertThrows(
                dev.gatehouse.api.GatewayException.UpstreamServerError.class, reader::next);
        org.junit.jupiter.api.Assertions.assertTrue(error.getMessage().contains("1024 bytes")
                && error.getMessage().contains("max_upstream_event_bytes"), error.getMessage());
    }

    @Test
    void anEventWhoseDataLinesAddUpPastTheBoundIsRefused() throws IOException {
        UpstreamLimits limits = new UpstreamLimits(1 << 20, 1024);
        String line = "data: " + "x".repeat(100) + "\n";
        SseReader fits = new SseReader(new ByteArrayInputStream((line.repeat(9) + "\n").getBytes(
                StandardCharsets.UTF_8)), limits);
        assertEquals(9 * 100 + 8, fits.next().data().length());
        SseReader tooMuch = new SseReader(new ByteArrayInputStream((line.repeat(11) + "\n").getBytes(
                StandardCharsets.UTF_8)), limits);
        org.junit.jupiter.api.Assertions.assertThrows(dev.gatehouse.api.GatewayException.UpstreamServerError.class,
                tooMuch::next);
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
        assertEquals(new ServerSentEvent(null, "first\nsecond"), reader.next());
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
        assertEquals(new ServerSentEvent(null, "x"), reader.next());
    }
}
