package dev.gatehouse.server.upstream;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's limits, on a clock the test moves: idle connections expire, and only so many are kept. */
class ConnectionPoolTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final ConnectionPool pool = new ConnectionPool(now::get);
    private final Destination destination = new Destination(false, "127.0.0.1", 8080);
    private final List<Socket> sockets = new ArrayList<>();
    private final ServerSocket server;

    ConnectionPoolTest() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        server.close();
    }

    /** A connection to the test's server socket (never served: the pool only holds it). */
    private Http1Connection connection() throws IOException {
        Socket socket = new Socket(server.getInetAddress(), server.getLocalPort());
        sockets.add(socket);
        sockets.add(server.accept());
        return new Http1Connection(destination, socket, socket);
    }

    @Test
    void takesTheMostRecentlyReleasedFirst() throws IOException {
        Http1Connection older = connection();
        Http1Connection newer = connection();
        pool.release(older);
        pool.release(newer);
        assertSame(newer, pool.take(destination));
        assertSame(older, pool.take(destination));
        assertNull(pool.take(destination));
        assertNull(pool.take(new Destination(true, "127.0.0.1", 8080)), "another destination has its own");
    }

    @Test
    void closesConnectionsIdleTooLong() throws IOException {
        Http1Connection idle = connection();
        pool.release(idle);
        now.addAndGet(ConnectionPool.IDLE_NANOS);
        assertNull(pool.take(destination));
        assertTrue(sockets.getFirst().isClosed());
    }

    @Test
    void keepsABoundedNumberIdle() throws IOException {
        List<Http1Connection> released = new ArrayList<>();
        for (int i = 0; i <= ConnectionPool.MAX_IDLE; i++) {
            Http1Connection connection = connection();
            released.add(connection);
            pool.release(connection);
        }
        assertTrue(sockets.getFirst().isClosed(), "the oldest was closed");
        for (int i = ConnectionPool.MAX_IDLE; i >= 1; i--) {
            assertSame(released.get(i), pool.take(destination));
        }
        assertNull(pool.take(destination));
    }
}
