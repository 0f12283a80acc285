package dev.gatehouse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's engine: one thread, one selector, up to {@code maxConnections} keep-alive
 * connections opened as needed. Requests the {@link Schedule} releases wait in one queue for a
 * free connection; a request that waits is charged for it in open loop, since its latency counts
 * from its due time. Each ended request goes to {@code sink} as an {@link Outcome}.
 *
 * <p>Timing: the selector's timeout has millisecond steps, so when the next request is due
 * within a millisecond the loop polls the sockets and parks for {@link Schedule#pollNanos()}
 * (20 µs, or 50 µs at high rates) instead: an open loop's sends are late by at most that and the
 * park's wake-up, never by a millisecond. Closed loops only wait on sockets.
 */
final class LoadLoop {
    private final InetSocketAddress address;
    private final List<Kind> kinds;
    private final int maxConnections;
    private final Schedule schedule;
    private final Consumer<Outcome> sink;
    private final Selector selector;
    private final ArrayDeque<Ask> pending = new ArrayDeque<>();
    private final ArrayDeque<ClientConn> idle = new ArrayDeque<>();
    private final List<ClientConn> all = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
    private int inFlight;
    private int peakInFlight;

    /** What a run did besides its outcomes: its start and end, and the most requests in flight at once. */
    record Run(long start, long end, int peakInFlight) {
        double seconds() {
            return (end - start) / 1e9;
        }
    }

    private LoadLoop(Target target, List<Kind> kinds, int maxConnections, Schedule schedule, Consumer<Outcome> sink)
            throws IOException {
        this.address = new InetSocketAddress(target.host(), target.port());
        this.kinds = kinds;
        this.maxConnections = maxConnections;
        this.schedule = schedule;
        this.sink = sink;
        this.selector = Selector.open();
    }

    static Run run(Target target, List<Kind> kinds, int maxConnections, Schedule schedule, Consumer<Outcome> sink) {
        long start = System.nanoTime();
        try {
            LoadLoop loop = new LoadLoop(target, kinds, maxConnections, schedule, sink);
            try {
                loop.loop();
            } finally {
                loop.all.forEach(ClientConn::close);
                loop.selector.close();
            }
            return new Run(start, System.nanoTime(), loop.peakInFlight);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loop() throws IOException {
        while (true) {
            long now = System.nanoTime();
            schedule.release(now, pending);
            dispatch(now);
            if (now >= schedule.sendBy()) {
                for (Ask ask; (ask = pending.poll()) != null; ) {
                    if (schedule.fromDue()) {
                        sink.accept(Outcome.failed(ask, ask.due(), now));
                    }
                }
                if (now >= schedule.sendBy() + Schedule.GRACE) {
                    for (ClientConn c : List.copyOf(all)) {
                        if (c.ask != null) {
                            fail(c, now);
                        }
                    }
                }
            }
            if (schedule.exhausted(now) && pending.isEmpty() && inFlight == 0) {
                return;
            }
            // Requests still waiting here found no free connection: until an answer frees one, the
            // requests falling due would only join them, so wait on the sockets alone.
            long wakeAt = pending.isEmpty() ? schedule.nextDue(now) : schedule.sendBy();
            long wait = Math.min(wakeAt, schedule.sendBy() + Schedule.GRACE) - now;
            if (inFlight == 0 && pending.isEmpty() && wait > 0 && wait < 1_000_000) {
                LockSupport.parkNanos(wait); // nothing to watch: wait for the due time itself
            } else if (wait >= 1_000_000) {
                selector.select(wait / 1_000_000);
            } else if (selector.selectNow() == 0 && wait > 0) {
                LockSupport.parkNanos(schedule.pollNanos());
            }
            now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                ClientConn c = (ClientConn) key.attachment();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isConnectable()) {
                    connected(c, now);
                } else {
                    if (key.isWritable()) {
                        flush(c, now);
                    }
                    if (key.isValid() && key.isReadable()) {
                        read(c, now);
                    }
                }
            }
            selector.selectedKeys().clear();
        }
    }

    /** Gives waiting requests to free connections, opening new ones up to the limit. */
    private void dispatch(long now) {
        while (!pending.isEmpty()) {
            ClientConn c = idle.pollLast();
            if (c != null) {
                send(c, pending.poll(), now);
            } else if (all.size() < maxConnections) {
                open(pending.poll(), now);
            } else {
                return;
            }
        }
    }

    private void open(Ask ask, long now) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
        } catch (IOException e) {
            failUnsent(ask, now); // out of file descriptors
            return;
        }
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connectedNow = channel.connect(address);
            ClientConn c = new ClientConn(channel);
            c.key = channel.register(selector, connectedNow ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            all.add(c);
            if (connectedNow) {
                c.connected = true;
                send(c, ask, now);
            } else {
                // Counted in flight while it connects, so that the run waits for it.
                c.ask = ask;
                c.origin = schedule.fromDue() ? ask.due() : now;
                inFlight++;
            }
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more to undo.
            }
            failUnsent(ask, now);
        }
    }

    private void failUnsent(Ask ask, long now) {
        Outcome outcome = Outcome.failed(ask, schedule.fromDue() ? ask.due() : now, now);
        sink.accept(outcome);
        schedule.ended(outcome, now);
    }

    private void connected(ClientConn c, long now) {
        Ask ask = c.ask;
        try {
            c.channel.finishConnect();
            c.connected = true;
            c.key.interestOps(SelectionKey.OP_READ);
            c.ask = null;
            inFlight--;
            send(c, ask, now);
        } catch (IOException e) {
            fail(c, now);
        }
    }

    private void send(ClientConn c, Ask ask, long now) {
        c.ask = ask;
        c.origin = schedule.fromDue() ? ask.due() : now;
        c.reader.reset();
        inFlight++;
        peakInFlight = Math.max(peakInFlight, inFlight);
        c.unsent = ByteBuffer.wrap(kinds.get(ask.kind()).request());
        flush(c, now);
    }

    private void flush(ClientConn c, long now) {
        try {
            if (c.unsent != null) {
                c.channel.write(c.unsent);
                if (c.unsent.hasRemaining()) {
                    c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                c.unsent = null;
            }
            c.key.interestOps(SelectionKey.OP_READ);
        } catch (IOException e) {
            fail(c, now);
        }
    }

    private void read(ClientConn c, long now) {
        try {
            buffer.clear();
            int n = c.channel.read(buffer);
            if (n < 0) {
                if (c.ask != null && c.reader.endOfStream(now)) {
                    end(c, now, false);
                } else if (c.ask != null) {
                    fail(c, now);
                } else {
                    drop(c);
                }
                return;
            }
            if (c.ask == null) {
                drop(c); // bytes nobody asked for: the connection can not be trusted any more
                return;
            }
            buffer.flip();
            if (c.reader.feed(buffer, now)) {
                end(c, now, false);
                return;
            }
            int cancelAfter = kinds.get(c.ask.kind()).cancelAfterChunks();
            if (cancelAfter > 0 && c.reader.chunks() >= cancelAfter) {
                end(c, now, true);
            }
        } catch (IOException | RuntimeException e) {
            if (c.ask != null) {
                fail(c, now);
            } else {
                drop(c);
            }
        }
    }

    /** The request on {@code c} ended: read whole, or cancelled by closing the connection. */
    private void end(ClientConn c, long now, boolean cancelled) {
        ResponseReader r = c.reader;
        Outcome outcome = new Outcome(c.ask, r.status(), cancelled, c.origin, r.firstChunkAt(), now, r.maxGapNanos(),
                r.chunks());
        c.ask = null;
        inFlight--;
        if (cancelled || !r.reusable()) {
            drop(c);
        } else {
            idle.addLast(c);
        }
        sink.accept(outcome);
        schedule.ended(outcome, now);
    }

    private void fail(ClientConn c, long now) {
        Ask ask = c.ask;
        c.ask = null;
        inFlight--;
        drop(c);
        Outcome outcome = Outcome.failed(ask, c.origin, now);
        sink.accept(outcome);
        schedule.ended(outcome, now);
    }

    private void drop(ClientConn c) {
        c.close();
        all.remove(c);
        idle.remove(c);
    }
}
