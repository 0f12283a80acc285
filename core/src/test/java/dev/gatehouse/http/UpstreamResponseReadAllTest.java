package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading a whole upstream body: by its declared length when it has one (one array of that size),
 * to its end otherwise; a body that does not match its length is a broken answer, and the limit
 * holds either way.
 */
class UpstreamResponseReadAllTest {

    private static final byte[] BODY = "{\"id\":\"chatcmpl-1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBodyOfItsDeclaredLengthIsReadWhole() {
        assertArrayEquals(BODY, response(Map.of("content-length", List.of(" " + BODY.length + " ")), BODY).readAll());
    }

    @Test
    void aBodyWithoutALengthIsReadToItsEnd() {
        assertArrayEquals(BODY, response(Map.of(), BODY).readAll());
        assertArrayEquals(BODY, response(Map.of("content-length", List.of("nineteen")), BODY).readAll());
        assertArrayEquals(BODY, response(Map.of("content-length", List.of("4", "4")), BODY).readAll());
    }

    @Test
    void aBodyShorterOrLongerThanDeclaredIsABrokenAnswer() {
        for (int declared : new int[] {BODY.length + 5, BODY.length - 5}) {
            GatewayException error = assertThrows(GatewayException.class,
                    () -> response(Map.of("content-length", List.of(Integer.toString(declared))), BODY).readAll());
            assertInstanceOf(GatewayException.TransportFailure.class, error);
            assertTrue(error.getCause().getMessage().contains("declared length of " + declared), error.toString());
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsStillRefusedByTheLimit() {
        UpstreamLimits small = new UpstreamLimits(8, 8);
        UpstreamResponse response = new UpstreamResponse(200,
                Map.of("content-length", List.of(Integer.toString(BODY.length))), new ByteArrayInputStream(BODY), small);
        GatewayException error = assertThrows(GatewayException.class, response::readAll);
        assertTrue(error.getMessage().contains("8 bytes"), error.getMessage());
    }

    private static UpstreamResponse response(Map<String, List<String>> headers, byte[] body) {
        return new UpstreamResponse(200, headers, new ByteArrayInputStream(body));
    }
}
