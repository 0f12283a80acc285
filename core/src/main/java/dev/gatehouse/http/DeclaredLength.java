package dev.gatehouse.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a body whose length was declared ({@code Content-Length}) into one array of that size.
 * Reading to the end without a length copies through 16 KB chunks, which for the few hundred
 * bytes of a typical chat request or answer is most of the bytes a request allocates.
 */
public final class DeclaredLength {

    private DeclaredLength() {}

    /** The body of exactly {@code length} bytes; an IOException when it ends sooner or goes on. */
    public static byte[] read(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length || in.read() >= 0) {
            throw new IOException("the body did not have its declared length of " + length + " bytes");
        }
        return bytes;
    }
}
