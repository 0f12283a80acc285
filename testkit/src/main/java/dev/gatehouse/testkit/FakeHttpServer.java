package dev.gatehouse.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server on loopback for tests, written on plain sockets so that it can do
 * what a well-behaved server library will not: cut a connection in the middle of a chunked
 * body, hang forever, or answer with any status and headers. One connection serves requests
 * until the client closes it; each connection runs on its own virtual thread.
 */
public final class FakeHttpServer implements AutoCloseable {

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final ServerSocket serverSocket;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Function<RecordedRequest, Reply> handler;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger abandonedStreams = new java.util.concurrent.atomic.AtomicInteger();

    public FakeHttpServer(Function<RecordedRequest, Reply> handler) {
        this.handler = handler;
        try {
            serverSocket = new ServerSocket();
            serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new IllegalStateException("can not bind a loopback port", e);
        }
        threads.submit(this::acceptLoop);
    }

    /** {@code http://127.0.0.1:PORT} */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort());
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                RecordedRequest request = readRequest(in);
                if (request == null) {
                    return;
                }
                if (!write(handler.apply(request), request, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, or the server is closing: nothing to report.
        } finally {
            open.remove(socket);
        }
    }

    /** Connections open right now (for leak checks). */
    public int openConnections() {
        return open.size();
    }

    /** How many streamed replies the client closed before their end. */
    public int abandonedStreams() {
        return abandonedStreams.get();
    }

    /** Writes the reply; false when the connection must end (dropped, hung up). */
    private boolean write(Reply reply, RecordedRequest request, OutputStream out)
            throws IOException, InterruptedException {
        switch (reply) {
            case Reply.Full full -> {
                StringBuilder head = statusLine(full.status(), full.headers());
                head.append("content-length: ").append(full.body().length).append("\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(full.body());
                out.flush();
                return true;
            }
            case Reply.Stream stream -> {
                StringBuilder head = statusLine(stream.status(), stream.headers());
                head.append("transfer-encoding: chunked\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                for (Reply.Frame frame : stream.frames()) {
                    if (!frame.delay().isZero()) {
                        Thread.sleep(frame.delay());
                    }
                    byte[] bytes = frame.bytes();
                    try {
                        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(bytes);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } catch (IOException clientGone) {
                        abandonedStreams.incrementAndGet();
                        throw clientGone;
                    }
                }
                if (stream.dropAtEnd()) {
                    if (!stream.frames().isEmpty()) {
                        // A pause before the break, so the frames sent are read first: closing at once
                        // can reset the connection while they sit unread in the peer's buffer, and a
                        // reset discards them there — a different scenario ("broke before any data").
                        Thread.sleep(100);
                    }
                    return false;
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return true;
            }
            case Reply.Endless endless -> {
                StringBuilder head = statusLine(endless.status(), endless.headers());
                head.append("transfer-encoding: chunked\r\n\r\n");
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                byte[] size = (Integer.toHexString(endless.unit().length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
                try {
                    out.write((Integer.toHexString(endless.prefix().length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(endless.prefix());
                    out.write(crlf);
                    for (long sent = 0; sent < Reply.Endless.MAX_BYTES && closed.getCount() > 0;
                            sent += endless.unit().length) {
                        out.write(size);
                        out.write(endless.unit());
                        out.write(crlf);
                        out.flush();
                    }
                } catch (IOException clientGone) {
                    abandonedStreams.incrementAndGet();
                    throw clientGone;
                }
                return false;
            }
            case Reply.Hang hang -> {
                closed.await();
                return false;
            }
            case Reply.Drop drop -> {
                return false;
            }
            case Reply.Deferred deferred -> {
                return write(deferred.resolve(request), request, out);
            }
        }
    }

    private static StringBuilder statusLine(int status, Map<String, String> headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 529 -> "Overloaded";
            default -> "Status";
        };
    }

    /** Reads one request; null when the client closed the connection first. */
    private static RecordedRequest readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("bad request line");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("headers too large");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        byte[] body = readBody(in, headers);
        return new RecordedRequest(parts[0], parts[1], headers, body);
    }

    private static byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> length = headers.get("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length.getFirst()));
        }
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.getFirst().equalsIgnoreCase("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    readLine(in);
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        }
        return new byte[0];
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            serverSocket.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
        threads.shutdownNow();
    }
}
