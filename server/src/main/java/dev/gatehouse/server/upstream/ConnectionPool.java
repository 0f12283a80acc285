package dev.gatehouse.server.upstream;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Idle keep-alive connections, per destination. A connection comes back only after an exchange
 * that ended cleanly; the most recently used is taken first, so that the rest age out. Expiry is
 * checked when a connection is taken (no thread of its own), and each destination keeps at most
 * {@link #MAX_IDLE} idle: the oldest are closed beyond that.
 */
final class ConnectionPool {

    /** Unused this long, a connection is closed rather than reused: upstreams and load balancers drop idle ones. */
    static final long IDLE_NANOS = 30_000_000_000L;
    static final int MAX_IDLE = 64;

    private final ConcurrentHashMap<Destination, ArrayDeque<Http1Connection>> idle = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    ConnectionPool() {
        this(System::nanoTime);
    }

    /** A pool on another clock: a test's. */
    ConnectionPool(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** An idle connection to {@code destination}, or null when there is none fresh enough. */
    Http1Connection take(Destination destination) {
        ArrayDeque<Http1Connection> queue = idle.get(destination);
        if (queue == null) {
            return null;
        }
        long now = nanoTime.getAsLong();
        synchronized (queue) {
            Http1Connection connection = queue.pollLast();
            if (connection == null) {
                return null;
            }
            if (now - connection.idleSince() < IDLE_NANOS) {
                return connection;
            }
            // The most recent one is stale, so are all the others.
            connection.close();
            for (Http1Connection older = queue.pollFirst(); older != null; older = queue.pollFirst()) {
                older.close();
            }
            return null;
        }
    }

    /** Puts {@code connection}, whose exchange ended cleanly, back; closes it when it can not be reused. */
    void release(Http1Connection connection) {
        if (!connection.idle(nanoTime.getAsLong())) {
            connection.close();
            return;
        }
        ArrayDeque<Http1Connection> queue = idle.computeIfAbsent(connection.destination, d -> new ArrayDeque<>());
        Http1Connection evicted = null;
        synchronized (queue) {
            queue.addLast(connection);
            if (queue.size() > MAX_IDLE) {
                evicted = queue.pollFirst();
            }
        }
        if (evicted != null) {
            evicted.close();
        }
    }
}
