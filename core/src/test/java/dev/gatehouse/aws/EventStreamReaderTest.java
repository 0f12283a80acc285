package dev.gatehouse.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.testkit.bedrock.EventStreamFrames;
import dev.gatehouse.testkit.bedrock.EventStreamFrames.Value;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * {@link EventStreamReader} against frames built byte for byte from the format
 * (https://docs.aws.amazon.com/lexv2/latest/dg/event-stream-encoding.html), two of them
 * captured from another implementation, and against corrupted and cut-off frames.
 */
class EventStreamReaderTest {

    /**
     * {@code {"foo": "bar"}} with no headers, and with {@code content-type: application/json}:
     * the two frames the Elixir event_stream package documents as its encoder's output
     * (https://hex.pm/packages/event_stream/0.1.0/files/lib/event_stream.ex), an encoder written
     * by others from the same format.
     */
    private static final int[] CAPTURED_NO_HEADERS = {0, 0, 0, 30, 0, 0, 0, 0, 186, 242, 246, 138, 123, 34, 102, 111,
        111, 34, 58, 32, 34, 98, 97, 114, 34, 125, 174, 114, 88, 228};
    private static final int[] CAPTURED_CONTENT_TYPE = {0, 0, 0, 62, 0, 0, 0, 32, 64, 93, 249, 70, 12, 99, 111, 110,
        116, 101, 110, 116, 45, 116, 121, 112, 101, 7, 0, 16, 97, 112, 112, 108, 105, 99, 97, 116, 105, 111, 110, 47,
        106, 115, 111, 110, 123, 34, 102, 111, 111, 34, 58, 32, 34, 98, 97, 114, 34, 125, 111, 162, 191, 59};

    @Test
    void readsFramesCapturedFromAnotherEncoder() throws IOException {
        EventStreamReader reader = reader(concat(bytes(CAPTURED_NO_HEADERS), bytes(CAPTURED_CONTENT_TYPE)));
        EventStreamMessage first = reader.next();
        assertTrue(first.headers().isEmpty());
        assertEquals("{\"foo\": \"bar\"}", first.payloadText());
        EventStreamMessage second = reader.next();
        assertEquals(Map.of("content-type", new HeaderValue.Text("application/json")), second.headers());
        assertEquals("{\"foo\": \"bar\"}", second.payloadText());
        assertNull(reader.next(), "a clean end between messages");
    }

    @Test
    void ourFramesMatchTheCapturedBytes() {
        assertArrayEquals(bytes(CAPTURED_CONTENT_TYPE), EventStreamFrames.message(
                Map.of("content-type", "application/json"), "{\"foo\": \"bar\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsEveryHeaderValueType() throws IOException {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Map<String, Value> headers = new LinkedHashMap<>();
        headers.put("true", new Value.True());
        headers.put("false", new Value.False());
        headers.put("byte", new Value.OneByte((byte) -7));
        headers.put("short", new Value.TwoBytes((short) 31000));
        headers.put("int", new Value.FourBytes(-123456789));
        headers.put("long", new Value.EightBytes(1234567890123L));
        headers.put("bytes", new Value.Binary(new byte[] {0, 1, (byte) 0xff}));
        headers.put("string", new Value.Text("héllo"));
        headers.put("timestamp", new Value.Timestamp(1700000000123L));
        headers.put("uuid", new Value.Uuid(uuid));
        EventStreamMessage message = reader(EventStreamFrames.typedMessage(headers, new byte[0])).next();
        assertEquals(new HeaderValue.Bool(true), message.headers().get("true"));
        assertEquals(new HeaderValue.Bool(false), message.headers().get("false"));
        assertEquals(new HeaderValue.Byte((byte) -7), message.headers().get("byte"));
        assertEquals(new HeaderValue.Short((short) 31000), message.headers().get("short"));
        assertEquals(new HeaderValue.Int(-123456789), message.headers().get("int"));
        assertEquals(new HeaderValue.Long(1234567890123L), message.headers().get("long"));
        assertEquals(new HeaderValue.Bytes(new byte[] {0, 1, (byte) 0xff}), message.headers().get("bytes"));
        assertEquals(new HeaderValue.Text("héllo"), message.headers().get("string"));
        assertEquals(new HeaderValue.Timestamp(Instant.ofEpochMilli(1700000000123L)), message.headers().get("timestamp"));
        assertEquals(new HeaderValue.Uuid(uuid), message.headers().get("uuid"));
        assertEquals(0, message.payload().length);
    }

    @Test
    void aCorruptedPreludeCrcIsAClearError() {
        byte[] frame = EventStreamFrames.event("contentBlockDelta", "{\"delta\":{\"text\":\"Hi\"}}");
        GatewayException error = assertThrows(GatewayException.class, () -> reader(EventStreamFrames.flip(frame, 9)).next());
        assertInstanceOf(GatewayException.UpstreamServerError.class, error);
        assertTrue(error.getMessage().contains("prelude CRC"), error.getMessage());
    }

    @Test
    void aCorruptedLengthIsCaughtByThePreludeCrcBeforeAnyWait() {
        // Total length 0x01000000 + … would make a naive reader wait for 16 MiB that never come.
        byte[] frame = EventStreamFrames.flip(EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"), 0);
        GatewayException error = assertThrows(GatewayException.class, () -> reader(hangingAfter(frame)).next());
        assertTrue(error.getMessage().contains("prelude CRC"), error.getMessage());
    }

    @Test
    void aCorruptedMessageCrcIsAClearError() {
        byte[] frame = EventStreamFrames.event("contentBlockDelta", "{\"delta\":{\"text\":\"Hi\"}}");
        GatewayException error = assertThrows(GatewayException.class,
                () -> reader(EventStreamFrames.flip(frame, frame.length - 1)).next());
        assertInstanceOf(GatewayException.UpstreamServerError.class, error);
        assertTrue(error.getMessage().contains("message's CRC"), error.getMessage());
    }

    @Test
    void aCorruptedPayloadFailsTheMessageCrc() {
        byte[] frame = EventStreamFrames.event("contentBlockDelta", "{\"delta\":{\"text\":\"Hi\"}}");
        GatewayException error = assertThrows(GatewayException.class,
                () -> reader(EventStreamFrames.flip(frame, frame.length - 8)).next());
        assertTrue(error.getMessage().contains("message's CRC"), error.getMessage());
    }

    @Test
    void aTruncatedFrameIsABrokenStream() {
        byte[] frame = EventStreamFrames.event("contentBlockDelta", "{\"delta\":{\"text\":\"Hi\"}}");
        for (int cut : new int[] {3, 12, frame.length - 1}) {
            GatewayException error = assertThrows(GatewayException.class,
                    () -> reader(Arrays.copyOf(frame, cut)).next(), "cut at " + cut);
            assertInstanceOf(GatewayException.TransportFailure.class, error, "cut at " + cut);
        }
    }

    @Test
    void lengthsOutOfBoundsAreRefusedEvenWithAValidPreludeCrc() {
        byte[] tooShort = prelude(8, 0);
        assertTrue(assertThrows(GatewayException.class, () -> reader(tooShort).next()).getMessage().contains("outside"));
        byte[] headersTooLong = prelude(40, 30);
        assertTrue(assertThrows(GatewayException.class, () -> reader(headersTooLong).next()).getMessage()
                .contains("headers claim"));
        byte[] tooLarge = prelude(EventStreamReader.MAX_MESSAGE_BYTES + 1, 0);
        assertTrue(assertThrows(GatewayException.class, () -> reader(tooLarge).next()).getMessage().contains("outside"));
    }

    @Test
    void aMessageLargerThanTheEventBoundIsRefusedBeforeItIsRead() {
        dev.gatehouse.http.UpstreamLimits limits = new dev.gatehouse.http.UpstreamLimits(1 << 20, 64 * 1024);
        // A valid prelude claiming 64 KiB + 1, then nothing: the reader must refuse without waiting for the rest.
        EventStreamReader reader = new EventStreamReader(hangingAfter(prelude(64 * 1024 + 1, 0)), "Test", limits);
        GatewayException error = assertThrows(GatewayException.class, reader::next);
        assertInstanceOf(GatewayException.UpstreamServerError.class, error);
        assertTrue(error.getMessage().contains("65536") && error.getMessage().contains("max_upstream_event_bytes"),
                error.getMessage());
    }

    @Test
    void anUnknownHeaderTypeIsRefused() {
        byte[] headers = {4, 'n', 'a', 'm', 'e', 42};
        byte[] frame = frameWithRawHeaders(headers);
        assertTrue(assertThrows(GatewayException.class, () -> reader(frame).next()).getMessage()
                .contains("unknown value type 42"));
    }

    @Test
    void aHeaderRunningPastItsSectionIsRefused() {
        byte[] headers = {4, 'n', 'a', 'm', 'e', 7, 0, 50, 'x'};
        byte[] frame = frameWithRawHeaders(headers);
        assertTrue(assertThrows(GatewayException.class, () -> reader(frame).next()).getMessage()
                .contains("past the end"));
    }

    // ---- helpers ----

    private static EventStreamReader reader(byte[] bytes) {
        return reader(new ByteArrayInputStream(bytes));
    }

    private static EventStreamReader reader(InputStream in) {
        return new EventStreamReader(in, "Test");
    }

    /** The bytes, then a stream that would block forever: a reader that waits for more fails the test by hanging. */
    private static InputStream hangingAfter(byte[] bytes) {
        return new java.io.SequenceInputStream(new ByteArrayInputStream(bytes), new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the reader asked for bytes beyond the corrupt prelude");
            }
        });
    }

    /** A prelude with a valid CRC claiming these lengths, and nothing after it. */
    private static byte[] prelude(int total, int headers) {
        ByteBuffer b = ByteBuffer.allocate(12).putInt(total).putInt(headers);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, 8);
        return b.putInt((int) crc.getValue()).array();
    }

    private static byte[] frameWithRawHeaders(byte[] headers) {
        int total = 16 + headers.length;
        ByteBuffer b = ByteBuffer.allocate(total).putInt(total).putInt(headers.length);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, 8);
        b.putInt((int) crc.getValue()).put(headers);
        CRC32 all = new CRC32();
        all.update(b.array(), 0, total - 4);
        return b.putInt((int) all.getValue()).array();
    }

    private static byte[] bytes(int[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
