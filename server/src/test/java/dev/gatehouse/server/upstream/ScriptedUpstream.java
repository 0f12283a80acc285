package dev.gatehouse.server.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 upstream on loopback that answers with bytes a test writes by hand: each accepted
 * connection is served by the script, on a thread of its own, with its number (from 0). It
 * records every request head it reads and every connection whose client went away.
 */
final class ScriptedUpstream implements AutoCloseable {

    /** What the upstream does on one connection. */
    @FunctionalInterface
    interface Script {
        void serve(Connection connection, int index) throws IOException;
    }

    private final ServerSocket server;
    final AtomicInteger accepted = new AtomicInteger();
    final List<String> heads = new CopyOnWriteArrayList<>();
    final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    /** The numbers of the connections whose client closed them, as the upstream saw it (EOF or reset). */
    final LinkedBlockingQueue<Integer> disconnects = new LinkedBlockingQueue<>();
    /** The numbers of the connections the script has finished with (closed on the upstream's side). */
    final LinkedBlockingQueue<Integer> closed = new LinkedBlockingQueue<>();

    ScriptedUpstream(Script script) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
    }

    ScriptedUpstream(ServerSocket server, Script script) {
        this.server = server;
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException e) {
                    return;
                }
                int index = accepted.getAndIncrement();
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        socket.setSoTimeout(10_000);
                        script.serve(new Connection(socket, index), index);
                    } catch (IOException e) {
                        // The client went away or the test is over.
                    }
                    closed.add(index);
                });
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String target) {
        return "http://127.0.0.1:" + port() + target;
    }

    /** Waits for {@code queue}'s next entry; null after ten seconds. */
    static Integer next(LinkedBlockingQueue<Integer> queue) throws InterruptedException {
        return queue.poll(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One accepted connection. */
    final class Connection {
        final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final int index;

        Connection(Socket socket, int index) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.index = index;
        }

        /** The next request's head (with its body, by Content-Length, recorded); null when the client closed. */
        String readRequest() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b = in.read(); ; b = in.read()) {
                if (b < 0) {
                    if (head.size() == 0) {
                        disconnects.add(index);
                        return null;
                    }
                    throw new IOException("the client closed mid-head");
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == end.length) {
                    break;
                }
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            heads.add(text);
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            bodies.add(in.readNBytes(length));
            return text;
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Reads until the client closes the connection, and records that it did. */
        void awaitDisconnect() throws IOException {
            try {
                while (in.read() >= 0) {
                    // Whatever the client still sends.
                }
            } catch (java.net.SocketException e) {
                // A reset is a disconnect too.
            }
            disconnects.add(index);
        }
    }
}
