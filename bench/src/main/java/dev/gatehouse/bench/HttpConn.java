package dev.gatehouse.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 client connection on a raw socket: writes a prepared request and
 * reads the whole response (Content-Length, chunked, or up to close). Far cheaper than
 * {@code java.net.http.HttpClient}, whose hand-off per response costs ~0.5 ms (see the
 * server's choice of HTTP client in docs/dependencies.md); what remains is measured by the
 * direct-to-fake rounds.
 */
final class HttpConn implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean reusable = true;
    /** Of the last exchange: when the first body chunk arrived, the longest wait between two chunks, the chunks. */
    private long firstChunkAt;
    private long maxGapNanos;
    private int chunks;

    HttpConn(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    /** Sends the request and reads the response to its end; returns the status code. */
    int exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String status = line(in);
        if (status == null) {
            throw new EOFException("connection closed before the response");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h; !(h = line(in)).isEmpty(); ) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> reusable = !value.equals("close");
                default -> { }
            }
        }
        firstChunkAt = 0;
        maxGapNanos = 0;
        chunks = 0;
        if (chunked) {
            // Each chunk's arrival is stamped when its size line has been read: a gateway may
            // regroup the upstream's SSE events into other chunks, but a stall shows either way.
            long last = 0;
            while (true) {
                String size = line(in);
                long now = System.nanoTime();
                if (last == 0) {
                    firstChunkAt = now;
                } else {
                    maxGapNanos = Math.max(maxGapNanos, now - last);
                }
                last = now;
                chunks++;
                int semi = size.indexOf(';');
                long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    while (!line(in).isEmpty()) { }
                    break;
                }
                in.skipNBytes(n);
                line(in);
            }
        } else if (length >= 0) {
            in.skipNBytes(length);
            firstChunkAt = System.nanoTime();
        } else {
            in.transferTo(OutputStream.nullOutputStream());
            reusable = false;
        }
        return code;
    }

    /** {@link System#nanoTime()} when the last response's first body chunk arrived. */
    long firstChunkAt() {
        return firstChunkAt;
    }

    /** The longest wait between two body chunks of the last response, in nanoseconds. */
    long maxGapNanos() {
        return maxGapNanos;
    }

    /** The body chunks of the last response, the final empty one included. */
    int chunks() {
        return chunks;
    }

    boolean reusable() {
        return reusable;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do: the connection is gone either way.
        }
    }

    /** Reads one CRLF- (or LF-) terminated ASCII line; null at end of stream before any byte. */
    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                if (sb.isEmpty()) {
                    return null;
                }
                throw new EOFException("end of stream inside a line");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }
}
