package dev.gatehouse.server.upstream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response's status line and header fields (RFC 9112 sections 4 and 5), header names in lower
 * case. Interim 1xx responses before it (a {@code 100 Continue}) are read and skipped.
 */
record ResponseHead(int status, Map<String, List<String>> headers, boolean http10) {

    private static final int MAX_FIELDS = 256;

    /** Reads the final response head from {@code in}. */
    static ResponseHead read(Http1Connection in) throws IOException {
        while (true) {
            ResponseHead head = readOne(in);
            if (head.status >= 200 || head.status == 101) {
                return head;
            }
        }
    }

    private static ResponseHead readOne(Http1Connection in) throws IOException {
        String statusLine = in.readLine();
        // "HTTP/1.1 200 OK": version, space, three digits, then a space and a reason, or nothing.
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' '
                || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            throw new IOException("the upstream sent a malformed status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("the upstream sent a malformed status code");
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new IOException("the upstream sent a malformed status code");
        }
        return new ResponseHead(status, readFields(in), statusLine.charAt(7) == '0');
    }

    /** Header fields up to the empty line; also the trailer section of a chunked body. */
    static Map<String, List<String>> readFields(Http1Connection in) throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<String> last = null;
        for (int count = 0;; count++) {
            String line = in.readLine();
            if (line.isEmpty()) {
                return fields;
            }
            if (count == MAX_FIELDS) {
                throw new IOException("the upstream sent more than " + MAX_FIELDS + " header fields");
            }
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                // Obsolete line folding: replaced by a space (RFC 9112 section 5.2).
                if (last == null) {
                    throw new IOException("the upstream sent a malformed header field");
                }
                last.set(last.size() - 1, last.getLast() + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(colon - 1) == ' ' || line.charAt(colon - 1) == '\t') {
                throw new IOException("the upstream sent a malformed header field");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            last = fields.computeIfAbsent(name, k -> new ArrayList<>(1));
            last.add(trimmed(line, colon + 1));
        }
    }

    /** The text after {@code from}, without the optional whitespace around a field value. */
    private static String trimmed(String line, int from) {
        int start = from;
        int end = line.length();
        while (start < end && isWhitespace(line.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** True when a header lists {@code token} among its comma-separated values, in any case. */
    boolean hasToken(String header, String token) {
        List<String> values = headers.get(header);
        if (values == null) {
            return false;
        }
        for (String value : values) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String part = trimmed(value.substring(0, end), start);
                if (part.equalsIgnoreCase(token)) {
                    return true;
                }
                start = end + 1;
            }
        }
        return false;
    }
}
