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

/**
 * A fast fake OpenAI upstream on raw sockets (HTTP/1.1 keep-alive, one virtual thread per
 * connection). A plain chat request gets a fixed chat.completion after {@code --delay-ms}; a
 * request with {@code "stream":true} gets {@code --chunks} SSE chunks, {@code --interval-ms}
 * apart, then a final chunk and {@code [DONE]}, chunked-encoded and flushed per event.
 *
 * <pre>java -cp … dev.gatehouse.bench.FakeUpstream --port 0 --delay-ms 0 --chunks 20 --interval-ms 0</pre>
 */
public final class FakeUpstream {
    private static final byte[] PLAIN = ("{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Hello from the fake upstream.\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":6,\"total_tokens\":11}}")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + PLAIN.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNK = chunk("data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok \"},"
            + "\"finish_reason\":null}]}\n\n");
    private static final byte[] LAST = chunk("data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":20,\"total_tokens\":25}}\n\n");
    private static final byte[] DONE = chunk("data: [DONE]\n\n");
    private static final byte[] END = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final long delayMs;
    private final int chunks;
    private final long intervalMs;

    private FakeUpstream(long delayMs, int chunks, long intervalMs) {
        this.delayMs = delayMs;
        this.chunks = chunks;
        this.intervalMs = intervalMs;
    }

    public static void main(String[] args) throws IOException {
        Args a = new Args(args);
        FakeUpstream fake = new FakeUpstream(a.num("--delay-ms", 0), (int) a.num("--chunks", 20), a.num("--interval-ms", 0));
        try (ServerSocket server = new ServerSocket((int) a.num("--port", 0), 1024, InetAddress.getLoopbackAddress())) {
            System.out.println("fake upstream listening on " + server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> fake.serve(socket));
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16384);
            while (true) {
                String requestLine = HttpConn.line(in);
                if (requestLine == null) {
                    return;
                }
                int length = 0;
                for (String h; !(h = HttpConn.line(in)).isEmpty(); ) {
                    if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                if (delayMs > 0) {
                    Thread.sleep(delayMs);
                }
                if (body.replace(" ", "").contains("\"stream\":true")) {
                    stream(out);
                } else {
                    out.write(PLAIN_HEAD);
                    out.write(PLAIN);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // The caller went away or sent something this fake does not parse: drop the connection.
        }
    }

    private void stream(OutputStream out) throws IOException, InterruptedException {
        out.write(STREAM_HEAD);
        for (int i = 0; i < chunks; i++) {
            if (i > 0 && intervalMs > 0) {
                Thread.sleep(intervalMs);
            }
            out.write(CHUNK);
            out.flush();
        }
        out.write(LAST);
        out.write(DONE);
        out.write(END);
        out.flush();
    }

    private static byte[] chunk(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        return (Integer.toHexString(bytes.length) + "\r\n" + data + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
