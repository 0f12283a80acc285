package dev.gatehouse.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * A fake OpenAI upstream, non-blocking: one thread and one selector serve every connection
 * (HTTP/1.1 keep-alive), so that it costs little of the core it shares with the load generator.
 * A plain chat request gets a fixed chat.completion after {@code --delay-ms}; a request whose
 * body says {@code "stream": true} gets {@code --chunks} SSE chunks, {@code --interval-ms} apart
 * (with no pause: one write), then a final chunk with usage and {@code [DONE]}, chunked-encoded.
 * Timed answers wait in two queues, one for the delay and one for the chunk interval: each
 * interval is the same for every stream, so each queue is in due order by construction and
 * nothing sleeps per connection.
 *
 * <pre>java -cp … dev.gatehouse.bench.FakeUpstream --port 0 --delay-ms 0 --chunks 20 --interval-ms 0</pre>
 */
public final class FakeUpstream {
    private record Timed(long due, FakeConn conn, boolean stream) {
    }

    private final long delayNanos;
    private final int chunks;
    private final long intervalNanos;
    private final byte[] instantStream;
    private final Selector selector;
    private final ArrayDeque<Timed> delayed = new ArrayDeque<>();
    private final ArrayDeque<Timed> ticks = new ArrayDeque<>();

    private FakeUpstream(long delayMs, int chunks, long intervalMs) throws IOException {
        this.delayNanos = delayMs * 1_000_000;
        this.chunks = chunks;
        this.intervalNanos = intervalMs * 1_000_000;
        this.instantStream = FakeResponses.instantStream(chunks);
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws IOException {
        Args a = new Args(args);
        FakeUpstream fake = new FakeUpstream(a.num("--delay-ms", 0), (int) a.num("--chunks", 20),
                a.num("--interval-ms", 0));
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), (int) a.num("--port", 0)), 4096);
            server.configureBlocking(false);
            server.register(fake.selector, SelectionKey.OP_ACCEPT);
            System.out.println("fake upstream listening on " + ((InetSocketAddress) server.getLocalAddress()).getPort());
            System.out.flush();
            fake.loop(server);
        }
    }

    private void loop(ServerSocketChannel server) throws IOException {
        while (true) {
            long now = System.nanoTime();
            runDue(delayed, now);
            runDue(ticks, now);
            long next = Math.min(head(delayed), head(ticks));
            if (next == Long.MAX_VALUE) {
                selector.select();
            } else if (next > now) {
                selector.select(Math.max(1, (next - now + 999_999) / 1_000_000));
            } else {
                selector.selectNow();
            }
            for (SelectionKey key : selector.selectedKeys()) {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    accept(server);
                    continue;
                }
                FakeConn c = (FakeConn) key.attachment();
                if (key.isWritable()) {
                    flush(c);
                }
                if (c.open && key.isReadable()) {
                    read(c);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private static long head(ArrayDeque<Timed> queue) {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().due();
    }

    private void runDue(ArrayDeque<Timed> queue, long now) {
        while (!queue.isEmpty() && queue.peek().due() <= now) {
            Timed t = queue.poll();
            if (!t.conn().open) {
                continue;
            }
            if (queue == delayed) {
                answer(t.conn(), t.stream(), now);
            } else {
                nextChunk(t.conn(), now);
            }
        }
    }

    private void accept(ServerSocketChannel server) throws IOException {
        for (SocketChannel ch; (ch = server.accept()) != null; ) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            FakeConn c = new FakeConn(ch);
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
        }
    }

    private void read(FakeConn c) {
        try {
            c.roomToRead();
            if (c.channel.read(c.in) < 0) {
                close(c);
                return;
            }
            serveWaiting(c, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            // The caller went away or sent something this fake does not parse: drop the connection.
            close(c);
        }
    }

    /** Answers the next whole request in the buffer, unless an answer is still under way. */
    private void serveWaiting(FakeConn c, long now) {
        if (c.busy || !c.open) {
            return;
        }
        int request = c.nextRequest();
        if (request < 0) {
            return;
        }
        c.busy = true;
        if (delayNanos > 0) {
            delayed.addLast(new Timed(now + delayNanos, c, request == 1));
        } else {
            answer(c, request == 1, now);
        }
    }

    private void answer(FakeConn c, boolean stream, long now) {
        if (!stream) {
            write(c, FakeResponses.PLAIN);
            done(c, now);
        } else if (intervalNanos == 0 || chunks <= 1) {
            write(c, instantStream);
            done(c, now);
        } else {
            write(c, FakeResponses.STREAM_HEAD);
            write(c, FakeResponses.CHUNK);
            c.chunksLeft = chunks - 1;
            ticks.addLast(new Timed(now + intervalNanos, c, true));
        }
    }

    private void nextChunk(FakeConn c, long now) {
        write(c, FakeResponses.CHUNK);
        if (--c.chunksLeft > 0) {
            ticks.addLast(new Timed(now + intervalNanos, c, true));
        } else {
            write(c, FakeResponses.TAIL);
            done(c, now);
        }
    }

    private void done(FakeConn c, long now) {
        c.busy = false;
        serveWaiting(c, now);
    }

    private void write(FakeConn c, byte[] bytes) {
        if (!c.open) {
            return;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (c.out.isEmpty()) {
                c.channel.write(b);
                if (!b.hasRemaining()) {
                    return;
                }
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
            c.out.addLast(b);
        } catch (IOException e) {
            close(c);
        }
    }

    private void flush(FakeConn c) {
        try {
            while (!c.out.isEmpty()) {
                c.channel.write(c.out.peek());
                if (c.out.peek().hasRemaining()) {
                    return;
                }
                c.out.poll();
            }
            c.key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            close(c);
        }
    }

    private static void close(FakeConn c) {
        c.open = false;
        c.out.clear();
        try {
            c.channel.close();
        } catch (IOException e) {
            // Closed either way.
        }
    }
}
