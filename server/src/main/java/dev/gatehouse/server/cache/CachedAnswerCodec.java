package dev.gatehouse.server.cache;

import dev.gatehouse.api.Usage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A cached answer as the bytes kept in Redis: a format byte, the route, when it was stored, the
 * usage, then the body as it is (no base64: Redis values are bytes). An entry in another format
 * (written by a newer or older Gatehouse sharing the Redis) or cut short reads as none.
 */
final class CachedAnswerCodec {

    private static final byte FORMAT = 1;
    /** A body length no cached answer has; a longer one is a damaged entry, not a reason to allocate. */
    private static final int MAX_BODY = 1 << 30;

    private CachedAnswerCodec() {}

    static byte[] encode(CachedAnswer answer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(answer.body().length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(answer.route());
            out.writeLong(answer.storedAt().getEpochSecond());
            out.writeInt(answer.storedAt().getNano());
            Usage usage = answer.usage();
            out.writeBoolean(usage != null);
            if (usage != null) {
                out.writeInt(usage.promptTokens());
                out.writeInt(usage.completionTokens());
                writeOptional(out, usage.cachedTokens());
                writeOptional(out, usage.cacheWriteTokens());
                writeOptional(out, usage.reasoningTokens());
            }
            out.writeInt(answer.body().length);
            out.write(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The answer in {@code bytes}, or null when they are not an entry this version reads. */
    static CachedAnswer decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != FORMAT) {
                return null;
            }
            String route = in.readUTF();
            Instant storedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
            Usage usage = in.readBoolean()
                    ? new Usage(in.readInt(), in.readInt(), readOptional(in), readOptional(in), readOptional(in))
                    : null;
            int length = in.readInt();
            if (length < 0 || length > MAX_BODY || length != in.available()) {
                return null;
            }
            return new CachedAnswer(route, in.readNBytes(length), storedAt, usage);
        } catch (IOException | java.time.DateTimeException damaged) {
            return null;
        }
    }

    private static void writeOptional(DataOutputStream out, Integer value) throws IOException {
        out.writeBoolean(value != null);
        out.writeInt(value == null ? 0 : value);
    }

    private static Integer readOptional(DataInputStream in) throws IOException {
        boolean present = in.readBoolean();
        int value = in.readInt();
        return present ? value : null;
    }
}
