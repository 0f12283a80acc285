package dev.gatehouse.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.Multipart;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The server's reading of multipart/form-data (RFC 7578), against Gatehouse's own writer and hand-made bodies. */
class MultipartFormTest {

    private static final Set<String> FILES = Set.of("image", "image[]", "mask");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsWhatTheWriterWrites() {
        Multipart written = new Multipart().field("model", "gpt-image-1").field("prompt", "a hat, \"red\"")
                .file("image[]", "a.png", "image/png", new byte[] {1, 13, 10, 45, 45})
                .file("image[]", "b.png", "image/png", new byte[] {2})
                .file("mask", "m.png", "image/png", new byte[0]);
        MultipartForm form = MultipartForm.parse(written.contentType(), written.bytes(), FILES);
        assertEquals(Map.of("model", "gpt-image-1", "prompt", "a hat, \"red\""), form.fields());
        assertEquals(2, form.files("image[]").size());
        assertArrayEquals(new byte[] {1, 13, 10, 45, 45}, form.files("image[]").getFirst().bytes(),
                "CR, LF and dashes inside a file are data");
        assertEquals("b.png", form.files("image[]").get(1).filename());
        assertEquals(0, form.files("mask").getFirst().bytes().length);
        assertTrue(form.files("image").isEmpty());
    }

    @Test
    void aFileFieldWithoutAFileNameIsStillAFile() {
        byte[] body = bytes("--b\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\n\u0089PNG\r\n\u001a\nxx\r\n--b--\r\n");
        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=b", body, FILES);
        assertEquals("image/png", form.files("image").getFirst().contentType(), "recognised by its first bytes");
        assertEquals("image.png", form.files("image").getFirst().filename());
    }

    @Test
    void refusesMalformedForms() {
        String type = "multipart/form-data; boundary=b";
        assertThrows(GatewayException.BadRequest.class, () -> MultipartForm.parse("multipart/form-data", bytes("x"), FILES));
        assertThrows(GatewayException.BadRequest.class, () -> MultipartForm.parse(type, bytes("no boundary here"), FILES));
        assertThrows(GatewayException.BadRequest.class, () -> MultipartForm.parse(type,
                bytes("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nm"), FILES), "no end");
        assertThrows(GatewayException.BadRequest.class, () -> MultipartForm.parse(type,
                bytes("--b\r\nContent-Disposition: attachment; name=\"model\"\r\n\r\nm\r\n--b--"), FILES));
        assertThrows(GatewayException.BadRequest.class, () -> MultipartForm.parse(type,
                bytes("--b\r\nContent-Type: text/plain\r\n\r\nm\r\n--b--"), FILES), "no name");
        GatewayException twice = assertThrows(GatewayException.BadRequest.class, () -> MultipartForm.parse(type,
                bytes("--b\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n1\r\n"
                        + "--b\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n2\r\n--b--"), FILES));
        assertEquals("n", twice.param());
        GatewayException file = assertThrows(GatewayException.BadRequest.class, () -> MultipartForm.parse(type,
                bytes("--b\r\nContent-Disposition: form-data; name=\"prompt\"; filename=\"p.txt\"\r\n\r\nx\r\n--b--"),
                FILES));
        assertEquals("prompt", file.param());
    }

    @Test
    void refusesTooManyParts() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= MultipartForm.MAX_PARTS; i++) {
            body.append("--b\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nx\r\n");
        }
        body.append("--b--\r\n");
        assertThrows(GatewayException.BadRequest.class,
                () -> MultipartForm.parse("multipart/form-data; boundary=b", bytes(body.toString()), FILES));
    }
}
