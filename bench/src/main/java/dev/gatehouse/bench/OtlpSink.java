package dev.gatehouse.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * A trace collector that keeps nothing: it accepts OTLP/HTTP exports ({@code POST /v1/traces}),
 * reads each body whole and answers 200 with an empty protobuf message, as a collector does. It
 * stands for the collector when the bench measures what tracing costs the gateway, so that the
 * export really goes over HTTP. {@code GET /stats} says how many exports and bytes it received.
 *
 * <pre>java -cp … dev.gatehouse.bench.OtlpSink --port 4318</pre>
 */
public final class OtlpSink {
    private static final byte[] OK = ("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private final LongAdder exports = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    public static void main(String[] args) throws IOException {
        Args a = new Args(args);
        OtlpSink sink = new OtlpSink();
        try (ServerSocket server = new ServerSocket((int) a.num("--port", 0), 128, InetAddress.getLoopbackAddress())) {
            System.out.println("OTLP sink listening on " + server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> sink.serve(socket));
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                long length = 0;
                boolean chunked = false;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    String lower = header.toLowerCase(java.util.Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring(15).trim());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    }
                }
                long read = chunked ? skipChunked(in) : skip(in, length);
                if (requestLine.startsWith("GET /stats")) {
                    byte[] body = ("{\"exports\":" + exports.sum() + ",\"bytes\":" + bytes.sum() + "}")
                            .getBytes(StandardCharsets.US_ASCII);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                } else {
                    exports.increment();
                    bytes.add(read);
                    out.write(OK);
                }
                out.flush();
            }
        } catch (IOException gone) {
            // the exporter closed its connection
        }
    }

    private static long skip(InputStream in, long length) throws IOException {
        long left = length;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("body cut short");
                }
                skipped = 1;
            }
            left -= skipped;
        }
        return length;
    }

    private static long skipChunked(InputStream in) throws IOException {
        long total = 0;
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("body cut short");
            }
            int semicolon = size.indexOf(';');
            long n = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are ignored
                }
                return total;
            }
            total += skip(in, n);
            line(in);
        }
    }

    /** One header line without its CRLF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = out.length();
                return end > 0 && out.charAt(end - 1) == '\r' ? out.substring(0, end - 1) : out.toString();
            }
            out.append((char) c);
        }
        return out.isEmpty() ? null : out.toString();
    }
}
