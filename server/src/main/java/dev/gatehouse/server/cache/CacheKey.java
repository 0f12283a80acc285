package dev.gatehouse.server.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Where an answer is kept: SHA-256 over the namespace, the route, the public model and the
 * request's canonical JSON ({@link CanonicalJson}). The parts are written with their lengths,
 * so no two different sets of parts hash alike by running into each other. Only the digest is
 * kept: a key says nothing of the prompt it came from.
 *
 * @param digest 64 lowercase hex digits
 */
public record CacheKey(String digest) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    /** Changes when what goes into a key changes, so old entries are simply never found again. */
    private static final String VERSION = "gatehouse-cache-1";

    public CacheKey {
        Objects.requireNonNull(digest, "digest");
        if (!HEX.matcher(digest).matches()) {
            throw new IllegalArgumentException("a cache key is 64 lowercase hex digits");
        }
    }

    /**
     * The key of a whole request: {@code request} is its body as the caller sent it (read and
     * accepted), {@code route} the route's name, {@code publicModel} the model it asked for by
     * its public name.
     */
    public static CacheKey of(CacheNamespace namespace, String route, String publicModel, JsonNode request) {
        return digest(namespace, route, publicModel, out -> CanonicalJson.write(request, out));
    }

    /** The key of one part of a request (one embedding input): {@code part} is its canonical description. */
    static CacheKey ofPart(CacheNamespace namespace, String route, String publicModel, String part) {
        return digest(namespace, route, publicModel, out -> {
            try {
                DataOutputStream data = new DataOutputStream(out);
                writePart(data, part);
                data.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static CacheKey digest(CacheNamespace namespace, String route, String publicModel,
            Consumer<OutputStream> request) {
        MessageDigest sha256 = sha256();
        try (DigestOutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha256);
                DataOutputStream parts = new DataOutputStream(sink)) {
            writePart(parts, VERSION);
            writePart(parts, namespace.tag());
            writePart(parts, route);
            writePart(parts, publicModel);
            parts.flush();
            request.accept(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CacheKey(HexFormat.of().formatHex(sha256.digest()));
    }

    /** Its length in bytes, then its UTF-8 bytes (writeUTF would refuse a part over 64 KB). */
    private static void writePart(DataOutputStream out, String part) throws IOException {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
