package dev.gatehouse.server.http;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578), as OpenAI's multipart endpoints take it: text
 * fields, and files by field name. The body has already been read within the size limit; this
 * parses it strictly: a boundary from the content type, each part with a
 * {@code Content-Disposition: form-data; name="…"}, no text field twice, at most
 * {@value #MAX_PARTS} parts. Which fields are files is the endpoint's to say: clients do not
 * always give a file name (the OpenAI Java SDK sends bytes without one).
 */
public final class MultipartForm {

    static final int MAX_PARTS = 64;
    private static final int MAX_HEAD_BYTES = 8 * 1024;

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, List<ImageFile>> files = new LinkedHashMap<>();

    private final java.util.Set<String> fileFields;

    private MultipartForm(java.util.Set<String> fileFields) {
        this.fileFields = fileFields;
    }

    /** The text fields, by name, in order. */
    public Map<String, String> fields() {
        return fields;
    }

    /** The files sent under {@code name}, in order; empty when none. */
    public List<ImageFile> files(String name) {
        return files.getOrDefault(name, List.of());
    }

    /** Parses the form; parts named in {@code fileFields} are files, every other part must be text. */
    static MultipartForm parse(String contentType, byte[] body, java.util.Set<String> fileFields) {
        String boundary = boundary(contentType);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        MultipartForm form = new MultipartForm(fileFields);
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw malformed("the boundary does not occur in the body");
        }
        int parts = 0;
        while (true) {
            pos += delimiter.length;
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return form;
            }
            if (pos + 1 >= body.length || body[pos] != '\r' || body[pos + 1] != '\n') {
                throw malformed("a part does not start on a new line");
            }
            if (++parts > MAX_PARTS) {
                throw new GatewayException.BadRequest("The form has more than " + MAX_PARTS + " parts.", null);
            }
            pos += 2;
            int headEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            int end = indexOf(body, next, pos);
            if (headEnd < 0 || end < 0 || headEnd > end || headEnd - pos > MAX_HEAD_BYTES) {
                throw malformed("a part has no end or no headers");
            }
            form.add(new String(body, pos, headEnd - pos, StandardCharsets.UTF_8),
                    Arrays.copyOfRange(body, headEnd + 4, end));
            pos = end + 2;
        }
    }

    private void add(String head, byte[] content) {
        String name = null;
        String filename = null;
        String type = null;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-disposition:")) {
                if (!lower.substring("content-disposition:".length()).trim().startsWith("form-data")) {
                    throw malformed("a part is not form-data");
                }
                name = param(line, "name");
                filename = param(line, "filename");
            } else if (lower.startsWith("content-type:")) {
                type = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        if (name == null || name.isEmpty()) {
            throw malformed("a part has no field name");
        }
        if (fileFields.contains(name)) {
            files.computeIfAbsent(name, k -> new ArrayList<>()).add(new ImageFile(filename, type, content));
        } else if (filename != null) {
            throw new GatewayException.BadRequest("The form field '" + name + "' can not be a file; files are taken "
                    + "as " + String.join(", ", new java.util.TreeSet<>(fileFields)) + ".", name);
        } else if (fields.putIfAbsent(name, new String(content, StandardCharsets.UTF_8)) != null) {
            throw new GatewayException.BadRequest("The form field '" + name + "' is given more than once.", name);
        }
    }

    private static String boundary(String contentType) {
        for (String piece : contentType.split(";")) {
            String p = piece.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = p.substring("boundary=".length());
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                // RFC 2046: 1 to 70 characters.
                if (!value.isEmpty() && value.length() <= 70) {
                    return value;
                }
            }
        }
        throw malformed("the content type has no valid boundary");
    }

    /** A parameter of a Content-Disposition header: {@code name="value"} (quotes optional). */
    private static String param(String line, String key) {
        for (String piece : line.substring(line.indexOf(':') + 1).split(";")) {
            String p = piece.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(key)) {
                String value = p.substring(eq + 1).trim();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
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

    private static GatewayException.BadRequest malformed(String why) {
        return new GatewayException.BadRequest("The request body is not a valid multipart/form-data form: " + why
                + ".", null);
    }
}
