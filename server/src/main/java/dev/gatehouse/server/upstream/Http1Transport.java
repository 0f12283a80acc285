package dev.gatehouse.server.upstream;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.ConnectFailures;
import dev.gatehouse.http.Deadlines;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/**
 * The server's {@link Transport}: HTTP/1.1 on the JDK's sockets, blocking on the request's
 * virtual thread, with keep-alive connections pooled per destination. Every destination is
 * checked by the {@link EgressPolicy} first; redirects are never followed (a 3xx is the answer).
 * The request's timeout bounds each wait for bytes: the first byte, and each pause between a
 * stream's chunks; its total and idle timeouts are kept by {@link Deadlines}. (The time spent on
 * upstreams is counted by the gateway, around this transport, for each request: core's
 * {@code TimedTransport}.) Request headers and bodies are never logged: they carry credentials
 * and prompts.
 *
 * <p>Its own client rather than a library's: upstream calls are plain HTTP/1.1, one exchange per
 * connection at a time, and this does one with a few small allocations (docs/benchmarks.md).
 */
public final class Http1Transport implements Transport {

    private final EgressPolicy egress;
    private final Duration connectTimeout;
    private final Connector connector;
    /** Shared with the copies {@link #withConnectTimeout} makes: the connect timeout matters only to new connections. */
    private final ConnectionPool pool;
    private final SSLSocketFactory tls;

    public Http1Transport(EgressPolicy egress, Duration connectTimeout) {
        this(egress, connectTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault(), new ConnectionPool());
    }

    /** A transport trusting what {@code tls} trusts: a test's self-signed upstream. */
    Http1Transport(EgressPolicy egress, Duration connectTimeout, SSLSocketFactory tls) {
        this(egress, connectTimeout, tls, new ConnectionPool());
    }

    private Http1Transport(EgressPolicy egress, Duration connectTimeout, SSLSocketFactory tls, ConnectionPool pool) {
        this.egress = egress;
        this.connectTimeout = connectTimeout;
        this.tls = tls;
        this.pool = pool;
        this.connector = new Connector(tls, millis(connectTimeout));
    }

    @Override
    public Transport withConnectTimeout(Duration timeout) {
        return timeout.equals(connectTimeout) ? this : new Http1Transport(egress, timeout, tls, pool);
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        egress.check(request.uri());
        long start = System.nanoTime();
        try {
            Destination destination = Destination.of(request.uri());
            int readTimeout = millis(request.timeout());
            Http1Connection pooled = pool.take(destination);
            if (pooled != null) {
                try {
                    return exchange(pooled, request, start, readTimeout);
                } catch (StaleConnection e) {
                    // The upstream had closed the idle connection: once more, on a new one.
                }
            }
            return exchange(connector.open(destination, readTimeout), request, start, readTimeout);
        } catch (IOException | RuntimeException e) {
            if (e instanceof GatewayException gatewayException) {
                throw gatewayException;
            }
            throw failure(request, e);
        }
    }

    /** A pause between polls of an asynchronous upstream task. */
    @Override
    public void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }

    /**
     * Sends the request on {@code connection} and reads the response head. A reused connection
     * that fails before any byte of the answer came — closed by the upstream while idle — is
     * {@link StaleConnection}, for the caller to retry; once a byte came nothing is retried.
     */
    private UpstreamResponse exchange(Http1Connection connection, UpstreamRequest request, long start,
            int readTimeout) throws IOException {
        try {
            connection.begin(readTimeout);
            RequestHead.write(connection, request, connection.destination);
            connection.send(request.body());
            if (!connection.awaitByte()) {
                throw new EOFException("the upstream closed the connection without answering");
            }
            ResponseHead head = ResponseHead.read(connection);
            boolean reusable = !head.http10() && !head.hasToken("connection", "close")
                    && !saysClose(request);
            InputStream body = ResponseBody.open(head, request.method(), connection, pool, reusable);
            return new UpstreamResponse(head.status(), head.headers(), Deadlines.guard(
                    Deadlines.idle(body, request.idleTimeout()), request.totalTimeout(), start));
        } catch (IOException | RuntimeException e) {
            connection.close();
            if (connection.reused() && !connection.received()
                    && (e instanceof EOFException || e instanceof SocketException)) {
                throw new StaleConnection(e);
            }
            throw e;
        }
    }

    private static boolean saysClose(UpstreamRequest request) {
        for (var header : request.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("connection") && header.getValue().toLowerCase(java.util.Locale.ROOT)
                    .contains("close")) {
                return true;
            }
        }
        return false;
    }

    /** A failure of the exchange; one before the request left (connecting) can not be billed by the upstream. */
    private static GatewayException failure(UpstreamRequest request, Throwable cause) {
        // An IllegalArgumentException is a request head refused before a byte of it was written.
        boolean sent = !(cause instanceof IllegalArgumentException) && !ConnectFailures.beforeSending(cause);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new GatewayException.UpstreamTimeout(sent ? "no answer from " + request.uri().getHost()
                        + " within " + request.timeout().toMillis() + " ms" : "could not connect to "
                        + request.uri().getHost() + " in time", cause, sent);
            }
        }
        return new GatewayException.TransportFailure("could not reach " + request.uri().getHost(), cause, sent);
    }

    /** A timeout for a socket: at least a millisecond (0 would mean none). */
    private static int millis(Duration timeout) {
        return Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
    }

    /** A pooled connection found closed by the upstream before it answered. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnection(Throwable cause) {
            super("the pooled connection was closed by the upstream", cause);
        }
    }
}
