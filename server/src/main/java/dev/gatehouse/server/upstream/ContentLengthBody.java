package dev.gatehouse.server.upstream;

import java.io.IOException;
import java.util.List;

/** A body of a length given by {@code Content-Length} (RFC 9112 section 6.3, point 6). */
final class ContentLengthBody extends ResponseBody {

    private long remaining;

    ContentLengthBody(Http1Connection connection, ConnectionPool pool, long length) {
        super(connection, pool);
        this.remaining = length;
    }

    /**
     * The length the header's values give: decimal digits, several values only if all equal
     * (RFC 9110 section 8.6); anything else is a framing the response can not be read by.
     */
    static long parse(List<String> values) throws IOException {
        long length = -1;
        for (String value : values) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                long one = digits(value, start, end);
                if (length >= 0 && one != length) {
                    throw new IOException("the upstream sent conflicting Content-Length values");
                }
                length = one;
                start = end + 1;
            }
        }
        return length;
    }

    private static long digits(String value, int start, int end) throws IOException {
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        if (start == end || end - start > 18) {
            throw new IOException("the upstream sent an invalid Content-Length");
        }
        long length = 0;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("the upstream sent an invalid Content-Length");
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    @Override
    int readBody(byte[] target, int offset, int length) throws IOException {
        int n = connection.read(target, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new IOException(CLOSED_EARLY);
        }
        remaining -= n;
        if (remaining == 0) {
            ended(); // the connection goes back now, not at the reader's next read
        }
        return n;
    }

    @Override
    int availableInFrame() {
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}
