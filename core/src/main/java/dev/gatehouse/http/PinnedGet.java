package dev.gatehouse.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET to an address that was already resolved and checked: the connection goes to
 * that address, never to a second lookup of the host (which a DNS server could answer with a
 * private address: DNS rebinding), while the Host header, TLS's server name (SNI) and the
 * certificate check use the host name. The whole exchange, from connecting to the last byte, is
 * bounded by one deadline (a server that sends a byte now and then can not hold it), each read
 * by the timeout, the headers by {@link #MAX_HEADER_BYTES} and the body by the caller's limit.
 * Only what {@link ImageFetcher} needs: no redirects, no keep-alive, no compression.
 */
final class PinnedGet implements Closeable {

    static final int MAX_HEADER_BYTES = 32 * 1024;

    /** A body larger than the limit. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("the body is larger than the limit");
        }
    }

    /** The deadline passed before the exchange ended. */
    static final class Expired extends IOException {
        Expired() {
            super("the deadline passed");
        }
    }

    private final Socket socket;
    private final ScheduledFuture<?> closer;
    private volatile boolean expired;
    private final InputStream in;
    private int status;
    private final Map<String, String> headers = new LinkedHashMap<>();

    /** Connects to {@code address} and sends the request; {@code total} bounds everything from here on. */
    PinnedGet(URI uri, InetAddress address, Map<String, String> requestHeaders, Duration timeout, Duration total,
            SSLSocketFactory tls) throws IOException {
        long start = System.nanoTime();
        this.socket = new Socket();
        this.closer = Deadlines.after(total.toNanos(), this::expire);
        try {
            boolean https = uri.getScheme().equalsIgnoreCase("https");
            int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
            long left = total.toMillis() - (System.nanoTime() - start) / 1_000_000;
            socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, Math.min(timeout.toMillis(), left)));
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            Socket stream = https ? tls(tls, socket, uri.getHost(), port) : socket;
            OutputStream out = stream.getOutputStream();
            out.write(request(uri, requestHeaders).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            this.in = stream.getInputStream();
            readHead();
        } catch (IOException e) {
            close();
            throw expired ? new Expired() : e;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void expire() {
        expired = true;
        try {
            socket.close();
        } catch (IOException e) {
            // The reader learns of it from its next read.
        }
    }

    /** TLS over the connected socket, for the host name: SNI and the certificate's name check. */
    private static Socket tls(SSLSocketFactory factory, Socket plain, String host, int port) throws IOException {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        SSLSocket ssl = (SSLSocket) factory.createSocket(plain, name, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(name)) {
            parameters.setServerNames(List.of(new SNIHostName(name)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static String request(URI uri, Map<String, String> headers) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        StringBuilder out = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        headers.forEach((name, value) -> out.append(name).append(": ").append(value).append("\r\n"));
        return out.append("Accept-Encoding: identity\r\nConnection: close\r\n\r\n").toString();
    }

    private void readHead() throws IOException {
        int[] budget = {MAX_HEADER_BYTES};
        String statusLine = line(budget);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response");
        }
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status", e);
        }
        for (String header = line(budget); !header.isEmpty(); header = line(budget)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
        }
    }

    /** One CRLF-ended line, counted against the header budget. */
    private String line(int[] budget) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed inside the response head");
            }
            if (--budget[0] < 0) {
                throw new IOException("the response head is larger than " + MAX_HEADER_BYTES + " bytes");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    int status() {
        return status;
    }

    /** A response header by its lower-case name, or "". */
    String header(String name) {
        return headers.getOrDefault(name, "");
    }

    /** The whole body, at most {@code limit} bytes (else {@link TooLarge}), before the deadline (else {@link Expired}). */
    byte[] body(long limit) throws IOException {
        try {
            if (header("transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
                return chunked(limit);
            }
            String length = header("content-length");
            if (!length.isEmpty()) {
                long declared;
                try {
                    declared = Long.parseLong(length);
                } catch (NumberFormatException e) {
                    throw new IOException("an invalid content-length", e);
                }
                if (declared < 0) {
                    throw new IOException("an invalid content-length");
                }
                if (declared > limit) {
                    throw new TooLarge();
                }
                byte[] body = in.readNBytes((int) declared);
                if (body.length < declared) {
                    throw new IOException("the body ended early");
                }
                return body;
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new TooLarge();
            }
            return body;
        } catch (IOException e) {
            throw expired && !(e instanceof TooLarge) ? new Expired() : e;
        }
    }

    private byte[] chunked(long limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int[] budget = {MAX_HEADER_BYTES};
            String sizeLine = line(budget);
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("an invalid chunk size", e);
            }
            if (size == 0) {
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > limit) {
                throw new TooLarge();
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new IOException("the body ended inside a chunk");
            }
            body.write(chunk);
            line(budget);
        }
    }

    @Override
    public void close() {
        closer.cancel(false);
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to read either way.
        }
    }
}
