package dev.gatehouse.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) the way a strict server does: a boundary
 * in the content type, parts with a {@code Content-Disposition: form-data; name=…}, and a
 * closing delimiter. Empty when the body is not well formed.
 */
public final class Multiparts {

    /** One part: its field name, file name (null for a text field), content type and bytes. */
    public record Part(String name, String filename, String contentType, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private Multiparts() {}

    public static Optional<List<Part>> parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        int at = contentType.indexOf("boundary=");
        if (at < 0) {
            return Optional.empty();
        }
        String boundary = contentType.substring(at + "boundary=".length()).split(";")[0].trim().replace("\"", "");
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos != 0) {
            return Optional.empty();
        }
        while (true) {
            pos += delimiter.length;
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return Optional.of(parts);
            }
            if (pos + 1 >= body.length || body[pos] != '\r' || body[pos + 1] != '\n') {
                return Optional.empty();
            }
            pos += 2;
            int headEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), pos);
            if (headEnd < 0 || next < 0 || headEnd > next) {
                return Optional.empty();
            }
            String head = new String(body, pos, headEnd - pos, StandardCharsets.UTF_8);
            String name = null;
            String filename = null;
            String type = null;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    name = param(line, "name");
                    filename = param(line, "filename");
                } else if (lower.startsWith("content-type:")) {
                    type = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            if (name == null) {
                return Optional.empty();
            }
            parts.add(new Part(name, filename, type, Arrays.copyOfRange(body, headEnd + 4, next)));
            pos = next + 2;
        }
    }

    private static String param(String line, String key) {
        for (String piece : line.split(";")) {
            String p = piece.trim();
            if (p.startsWith(key + "=\"") && p.endsWith("\"")) {
                return p.substring(key.length() + 2, p.length() - 1);
            }
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
