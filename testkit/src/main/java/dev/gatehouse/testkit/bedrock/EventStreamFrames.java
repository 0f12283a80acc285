package dev.gatehouse.testkit.bedrock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Writes {@code application/vnd.amazon.eventstream} messages byte for byte as
 * https://docs.aws.amazon.com/lexv2/latest/dg/event-stream-encoding.html lays them out:
 * {@code [total length][headers length][prelude CRC32][headers][payload][message CRC32]}, big-endian,
 * CRC32 with the gzip polynomial. Written independently of Gatehouse's reader, so that a test of
 * one against the other checks both against the format.
 */
public final class EventStreamFrames {

    /** A header value of one of the format's ten wire types. */
    public sealed interface Value {
        record True() implements Value {}
        record False() implements Value {}
        record OneByte(byte value) implements Value {}
        record TwoBytes(short value) implements Value {}
        record FourBytes(int value) implements Value {}
        record EightBytes(long value) implements Value {}
        record Binary(byte[] value) implements Value {}
        record Text(String value) implements Value {}
        record Timestamp(long epochMillis) implements Value {}
        record Uuid(UUID value) implements Value {}
    }

    private EventStreamFrames() {}

    /** One message with string headers only (what Bedrock sends). */
    public static byte[] message(Map<String, String> headers, byte[] payload) {
        Map<String, Value> typed = new LinkedHashMap<>();
        headers.forEach((name, value) -> typed.put(name, new Value.Text(value)));
        return typedMessage(typed, payload);
    }

    /** A Bedrock event: {@code :event-type}, {@code :content-type: application/json}, {@code :message-type: event}. */
    public static byte[] event(String eventType, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return message(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A Bedrock exception: {@code :exception-type}, {@code :content-type}, {@code :message-type: exception}. */
    public static byte[] exception(String exceptionType, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "exception");
        return message(headers, json.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] typedMessage(Map<String, Value> headers, byte[] payload) {
        byte[] headerBytes = headers(headers);
        int total = 16 + headerBytes.length + payload.length;
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(total).putInt(headerBytes.length);
        out.putInt((int) crc(out.array(), 0, 8));
        out.put(headerBytes).put(payload);
        out.putInt((int) crc(out.array(), 0, total - 4));
        return out.array();
    }

    /** A copy with one byte flipped at {@code index} (to corrupt a CRC or a length). */
    public static byte[] flip(byte[] message, int index) {
        byte[] copy = message.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static byte[] headers(Map<String, Value> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            out.write(nameBytes.length);
            out.writeBytes(nameBytes);
            switch (value) {
                case Value.True t -> out.write(0);
                case Value.False f -> out.write(1);
                case Value.OneByte b -> {
                    out.write(2);
                    out.write(b.value());
                }
                case Value.TwoBytes s -> {
                    out.write(3);
                    out.writeBytes(ByteBuffer.allocate(2).putShort(s.value()).array());
                }
                case Value.FourBytes i -> {
                    out.write(4);
                    out.writeBytes(ByteBuffer.allocate(4).putInt(i.value()).array());
                }
                case Value.EightBytes l -> {
                    out.write(5);
                    out.writeBytes(ByteBuffer.allocate(8).putLong(l.value()).array());
                }
                case Value.Binary b -> {
                    out.write(6);
                    out.writeBytes(ByteBuffer.allocate(2).putShort((short) b.value().length).array());
                    out.writeBytes(b.value());
                }
                case Value.Text t -> {
                    byte[] text = t.value().getBytes(StandardCharsets.UTF_8);
                    out.write(7);
                    out.writeBytes(ByteBuffer.allocate(2).putShort((short) text.length).array());
                    out.writeBytes(text);
                }
                case Value.Timestamp t -> {
                    out.write(8);
                    out.writeBytes(ByteBuffer.allocate(8).putLong(t.epochMillis()).array());
                }
                case Value.Uuid u -> {
                    out.write(9);
                    out.writeBytes(ByteBuffer.allocate(16).putLong(u.value().getMostSignificantBits())
                            .putLong(u.value().getLeastSignificantBits()).array());
                }
            }
        });
        return out.toByteArray();
    }

    private static long crc(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return crc.getValue();
    }
}
