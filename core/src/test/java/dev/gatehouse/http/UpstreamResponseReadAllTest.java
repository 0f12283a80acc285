package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading a whole upstream body: sized by its declared length when it has one (one array of that
 * size), to its end in any case, and within the limit either way.
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
    void theDeclaredLengthIsOnlyAHint() {
        // A HEAD answer or a 304 declares a length and has none; a transport without framing of its
        // own may give more than declared: the body is what came, either way.
        assertArrayEquals(new byte[0], response(Map.of("content-length", List.of("10")), new byte[0]).readAll());
        assertArrayEquals(BODY, response(Map.of("content-length", List.of(Integer.toString(BODY.length + 5))), BODY)
                .readAll());
        assertArrayEquals(BODY, response(Map.of("content-length", List.of("4")), BODY).readAll());
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
