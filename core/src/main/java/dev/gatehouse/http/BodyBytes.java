package dev.gatehouse.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a whole body, sized by its declared length ({@code Content-Length}) when it has one.
 * Reading to the end without a size copies through 16 KB chunks, which for the few hundred bytes
 * of a typical chat request or answer is most of the bytes a request allocates. The length is
 * only a hint here: the HTTP layer below keeps the framing (a body cut short is its error), and
 * a response to HEAD, or a 304, declares a length and has no body.
 */
public final class BodyBytes {

    private BodyBytes() {}

    /**
     * The body to its end, but no more than {@code max + 1} bytes (so that the caller can tell a
     * body over its limit); {@code declared} is its declared length, or -1 for none.
     */
    public static byte[] read(InputStream in, long declared, long max) throws IOException {
        int bound = (int) Math.min(Integer.MAX_VALUE - 8, max + 1);
        if (declared < 0 || declared >= bound) {
            return in.readNBytes(bound);
        }
        byte[] bytes = in.readNBytes((int) declared);
        if (bytes.length < declared) {
            return bytes;
        }
        int next = in.read();
        if (next < 0) {
            return bytes;
        }
        // More than declared: the rest, within the bound.
        byte[] rest = in.readNBytes(bound - bytes.length - 1);
        byte[] all = Arrays.copyOf(bytes, bytes.length + 1 + rest.length);
        all[bytes.length] = (byte) next;
        System.arraycopy(rest, 0, all, bytes.length + 1, rest.length);
        return all;
    }
}
