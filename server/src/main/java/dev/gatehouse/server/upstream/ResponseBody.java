package dev.gatehouse.server.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Objects;

/**
 * A response body read from its connection, framed as RFC 9112 section 6.3 says. Read to its
 * end, it hands the connection back to the pool (when the exchange allows reuse); closed before
 * its end — a cancelled stream, a deadline — it closes the connection, which is how the upstream
 * learns to stop generating. Closing is safe from another thread while a read is blocked (the
 * deadline thread does it): the read then fails.
 */
abstract sealed class ResponseBody extends InputStream permits ContentLengthBody, ChunkedBody, UntilCloseBody {

    /** What a body that ends early says, whichever framing it has. */
    static final String CLOSED_EARLY = "the upstream closed the connection before its response ended";

    private static final int OPEN = 0;
    private static final int ENDED = 1;
    private static final int CLOSED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ResponseBody.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Http1Connection connection;
    /** Where the connection goes at the end of the body; null when it is not to be reused. */
    private final ConnectionPool pool;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    private byte[] single;

    ResponseBody(Http1Connection connection, ConnectionPool pool) {
        this.connection = connection;
        this.pool = pool;
    }

    /**
     * The body of a response with {@code head} to a {@code method} request: empty (the connection
     * released at once), or framed by the head. {@code reusable} says whether the exchange let the
     * connection be kept (neither side said {@code Connection: close}).
     */
    static InputStream open(ResponseHead head, String method, Http1Connection connection, ConnectionPool pool,
            boolean reusable) throws IOException {
        int status = head.status();
        if (method.equals("HEAD") || status < 200 || status == 204 || status == 304) {
            // A 101 switched to another protocol, which this client never asks for: not reusable.
            return empty(connection, reusable && status != 101 ? pool : null);
        }
        List<String> transferEncoding = head.headers().get("transfer-encoding");
        if (transferEncoding != null) {
            // Transfer-Encoding overrides Content-Length; chunked must be the last coding, else the
            // body runs to the close (RFC 9112 section 6.3, points 3 and 4). A response with both
            // was possibly smuggled: the connection is not kept.
            boolean both = head.headers().containsKey("content-length");
            if (lastCodingIsChunked(transferEncoding)) {
                return new ChunkedBody(connection, reusable && !both ? pool : null);
            }
            return new UntilCloseBody(connection);
        }
        List<String> contentLength = head.headers().get("content-length");
        if (contentLength != null) {
            long length = ContentLengthBody.parse(contentLength);
            return length == 0 ? empty(connection, reusable ? pool : null)
                    : new ContentLengthBody(connection, reusable ? pool : null, length);
        }
        return new UntilCloseBody(connection);
    }

    /** A body with no bytes: the connection is done with at once. */
    private static InputStream empty(Http1Connection connection, ConnectionPool pool) {
        finish(connection, pool);
        return InputStream.nullInputStream();
    }

    /** Hands a connection whose exchange ended back to {@code pool}, or closes it when there is none. */
    private static void finish(Http1Connection connection, ConnectionPool pool) {
        if (pool != null) {
            pool.release(connection);
        } else {
            connection.close();
        }
    }

    private static boolean lastCodingIsChunked(List<String> values) {
        String last = values.getLast();
        int comma = last.lastIndexOf(',');
        return last.substring(comma + 1).strip().equalsIgnoreCase("chunked");
    }

    /** Reads the next bytes of the body; -1 only after {@link #ended()} was called. */
    abstract int readBody(byte[] target, int offset, int length) throws IOException;

    /** How many of the body's bytes may be taken without blocking, at most the buffered ones. */
    abstract int availableInFrame();

    /** Called by the framing when the body has been read to its end. */
    final void ended() {
        if (STATE.compareAndSet(this, OPEN, ENDED)) {
            finish(connection, pool);
        }
    }

    @Override
    public final int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        int now = (int) STATE.getVolatile(this);
        if (now == ENDED) {
            return -1;
        }
        if (now == CLOSED) {
            throw new IOException("the upstream response was closed");
        }
        if (length == 0) {
            return 0;
        }
        try {
            return readBody(target, offset, length);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public final int read() throws IOException {
        if (single == null) {
            single = new byte[1];
        }
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public final int available() throws IOException {
        int now = (int) STATE.getVolatile(this);
        if (now == CLOSED) {
            throw new IOException("the upstream response was closed");
        }
        return now == ENDED ? 0 : Math.min(connection.buffered(), availableInFrame());
    }

    /** Before the end: closes the connection (the upstream sees the disconnect). After it: nothing. */
    @Override
    public final void close() {
        if (STATE.compareAndSet(this, OPEN, CLOSED)) {
            connection.close();
        }
    }
}
