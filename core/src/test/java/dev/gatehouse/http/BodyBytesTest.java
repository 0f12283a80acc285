package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A whole body read with its declared length as a size hint, never past the limit plus one byte. */
class BodyBytesTest {

    private static final byte[] BODY = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void readsTheWholeBodyWhateverItDeclared() throws IOException {
        for (long declared : new long[] {-1, 0, 4, 16, 17, 1000}) {
            assertArrayEquals(BODY, BodyBytes.read(new ByteArrayInputStream(BODY), declared, 1 << 20), "declared " + declared);
        }
    }

    @Test
    void stopsOneBytePastTheLimit() throws IOException {
        for (long declared : new long[] {-1, 4, 8, 9, 16}) {
            byte[] read = BodyBytes.read(new ByteArrayInputStream(BODY), declared, 8);
            assertEquals(9, read.length, "declared " + declared);
            assertArrayEquals(Arrays.copyOf(BODY, 9), read);
        }
    }
}
