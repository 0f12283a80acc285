package dev.gatehouse.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes a {@code multipart/form-data} body (RFC 7578): text fields and files. Names and file
 * names are Gatehouse's own or checked by the caller; quotes and line breaks in them are
 * replaced so that no value can end its part early.
 */
public final class Multipart {

    private final String boundary = "gatehouse-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** The content type to send, with the boundary. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public Multipart field(String name, String value) {
        head("form-data; name=\"" + safe(name) + "\"", null);
        write(value.getBytes(StandardCharsets.UTF_8));
        write(CRLF);
        return this;
    }

    public Multipart file(String name, String filename, String contentType, byte[] bytes) {
        head("form-data; name=\"" + safe(name) + "\"; filename=\"" + safe(filename) + "\"", contentType);
        write(bytes);
        write(CRLF);
        return this;
    }

    /** The finished body. */
    public byte[] bytes() {
        write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private void head(String disposition, String contentType) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: ").append(disposition).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(safe(contentType)).append("\r\n");
        }
        head.append("\r\n");
        write(head.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        body.write(bytes, 0, bytes.length);
    }

    private static String safe(String text) {
        return text.replaceAll("[\"\\r\\n\\\\]", "_");
    }
}
