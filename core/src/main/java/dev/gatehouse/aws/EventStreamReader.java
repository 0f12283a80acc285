package dev.gatehouse.aws;

import dev.gatehouse.api.GatewayException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Reads the messages of an {@code application/vnd.amazon.eventstream} body, as
 * https://docs.aws.amazon.com/lexv2/latest/dg/event-stream-encoding.html lays them out (all
 * integers big-endian):
 *
 * <pre>
 * [total length u32][headers length u32][prelude CRC32 u32][headers][payload][message CRC32 u32]
 * header = [name length u8][name UTF-8][value type u8][value]
 * </pre>
 *
 * The prelude CRC covers the first 8 bytes and is checked before anything else is read, so a
 * corrupted length can never make the reader wait for bytes that will not come or allocate
 * what it says; the message CRC covers everything before it. Both are CRC32 (the gzip
 * polynomial). A CRC that does not match, a length out of bounds or a malformed header is an
 * {@link GatewayException.UpstreamServerError}; a body that ends inside a message is a
 * {@link GatewayException.TransportFailure}.
 */
public final class EventStreamReader {

    /** The prelude (8 bytes), its CRC (4) and the message CRC (4). */
    static final int OVERHEAD = 16;
    /** The largest message the format allows (16 MiB), as AWS's own decoders enforce. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** The largest headers section the format allows (128 KiB). */
    static final int MAX_HEADERS_BYTES = 128 * 1024;

    private final DataInputStream in;
    private final String source;
    private final dev.gatehouse.http.UpstreamLimits limits;

    /** A reader of {@code in}; {@code source} names the upstream in error messages. */
    public EventStreamReader(InputStream in, String source) {
        this(in, source, dev.gatehouse.http.UpstreamLimits.DEFAULTS);
    }

    /** As above, no message larger than {@code limits}' event bound read (nor the format's 16 MiB). */
    public EventStreamReader(InputStream in, String source, dev.gatehouse.http.UpstreamLimits limits) {
        this.in = new DataInputStream(in);
        this.source = source;
        this.limits = limits;
    }

    /** Whether bytes of the next message have already arrived (false when unknown). */
    public boolean hasBufferedInput() {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return false; // the next read reports the failure
        }
    }

    /**
     * The next message, or null when the body ends cleanly between messages.
     *
     * @throws IOException when reading the body fails
     */
    public EventStreamMessage next() throws IOException {
        byte[] prelude = new byte[12];
        int first = in.read(prelude, 0, 1);
        if (first < 0) {
            return null;
        }
        readFully(prelude, 1, 11);
        ByteBuffer p = ByteBuffer.wrap(prelude);
        long total = Integer.toUnsignedLong(p.getInt(0));
        long headersLength = Integer.toUnsignedLong(p.getInt(4));
        long preludeCrc = Integer.toUnsignedLong(p.getInt(8));
        if (crc(prelude, 0, 8) != preludeCrc) {
            throw corrupt("a message's prelude CRC does not match");
        }
        if (total < OVERHEAD || total > MAX_MESSAGE_BYTES) {
            throw corrupt("a message claims " + total + " bytes, outside 16 to " + MAX_MESSAGE_BYTES);
        }
        if (total > limits.maxEventBytes()) {
            throw limits.eventTooLarge("an event-stream message of " + total + " bytes,"); // checked before it is read
        }
        if (headersLength > MAX_HEADERS_BYTES || headersLength > total - OVERHEAD) {
            throw corrupt("a message's headers claim " + headersLength + " of its " + total + " bytes");
        }
        byte[] message = new byte[(int) total];
        System.arraycopy(prelude, 0, message, 0, 12);
        readFully(message, 12, (int) total - 12);
        long messageCrc = Integer.toUnsignedLong(ByteBuffer.wrap(message, (int) total - 4, 4).getInt());
        if (crc(message, 0, (int) total - 4) != messageCrc) {
            throw corrupt("a message's CRC does not match");
        }
        Map<String, HeaderValue> headers = headers(ByteBuffer.wrap(message, 12, (int) headersLength).slice());
        int payloadStart = 12 + (int) headersLength;
        byte[] payload = new byte[(int) total - OVERHEAD - (int) headersLength];
        System.arraycopy(message, payloadStart, payload, 0, payload.length);
        return new EventStreamMessage(headers, payload);
    }

    private void readFully(byte[] buffer, int offset, int length) throws IOException {
        try {
            in.readFully(buffer, offset, length);
        } catch (EOFException e) {
            throw new GatewayException.TransportFailure(source + "'s event stream ended in the middle of a message", e);
        }
    }

    private Map<String, HeaderValue> headers(ByteBuffer b) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        try {
            while (b.hasRemaining()) {
                int nameLength = Byte.toUnsignedInt(b.get());
                if (nameLength == 0) {
                    throw corrupt("a header has an empty name");
                }
                String name = utf8(b, nameLength);
                int type = Byte.toUnsignedInt(b.get());
                HeaderValue value = switch (type) {
                    case 0 -> new HeaderValue.Bool(true);
                    case 1 -> new HeaderValue.Bool(false);
                    case 2 -> new HeaderValue.Byte(b.get());
                    case 3 -> new HeaderValue.Short(b.getShort());
                    case 4 -> new HeaderValue.Int(b.getInt());
                    case 5 -> new HeaderValue.Long(b.getLong());
                    case 6 -> new HeaderValue.Bytes(bytes(b, Short.toUnsignedInt(b.getShort())));
                    case 7 -> new HeaderValue.Text(utf8(b, Short.toUnsignedInt(b.getShort())));
                    case 8 -> new HeaderValue.Timestamp(Instant.ofEpochMilli(b.getLong()));
                    case 9 -> new HeaderValue.Uuid(new UUID(b.getLong(), b.getLong()));
                    default -> throw corrupt("header '" + name + "' has unknown value type " + type);
                };
                headers.put(name, value);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw corrupt("a header runs past the end of the headers section");
        }
        return headers;
    }

    private static byte[] bytes(ByteBuffer b, int length) {
        byte[] out = new byte[length];
        b.get(out);
        return out;
    }

    private static String utf8(ByteBuffer b, int length) {
        return new String(bytes(b, length), StandardCharsets.UTF_8);
    }

    private GatewayException corrupt(String what) {
        return new GatewayException.UpstreamServerError(source + " sent a corrupt event stream: " + what, 0, null);
    }

    static long crc(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return crc.getValue();
    }
}
