package dev.gatehouse.server.upstream;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.ConnectFailures;
import dev.gatehouse.http.Deadlines;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.ClientUri;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's {@link Transport}, on Helidon's WebClient: blocking on the request's virtual
 * thread, TCP_NODELAY set (without it every streamed chunk waits for a delayed ACK), no
 * redirects followed, every destination checked by the {@link EgressPolicy}. (The time spent on
 * upstreams is counted by the gateway, around this transport, for each request: core's
 * {@code TimedTransport}.) The request's timeout bounds each wait for bytes: the first byte, and
 * each pause between stream chunks.
 */
public final class HelidonTransport implements Transport {

    private final WebClient client;
    private final EgressPolicy egress;

    public HelidonTransport(EgressPolicy egress, Duration connectTimeout) {
        this.egress = egress;
        this.client = WebClient.builder()
                .followRedirects(false)
                .connectTimeout(connectTimeout)
                .socketOptions(options -> options.tcpNoDelay(true))
                .build();
    }

    @Override
    public dev.gatehouse.http.Transport withConnectTimeout(Duration connectTimeout) {
        return new HelidonTransport(egress, connectTimeout);
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        egress.check(request.uri());
        long start = System.nanoTime();
        try {
            HttpClientRequest call = client.method(Method.create(request.method()))
                    .uri(rawUri(request.uri()))
                    .skipUriEncoding(true)
                    .readTimeout(request.timeout());
            request.headers().forEach((name, value) -> call.header(HeaderNames.create(name), value));
            HttpClientResponse response = request.body() == null ? call.request() : call.submit(request.body());
            return new UpstreamResponse(response.status().code(), headers(response), Deadlines.guard(
                    Deadlines.idle(new UpstreamBody(response.inputStream(), response), request.idleTimeout()),
                    request.totalTimeout(), start));
        } catch (UncheckedIOException e) {
            throw failure(request, e.getCause());
        } catch (RuntimeException e) {
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

    /** A failure of the exchange; one before the request left (connecting) can not be billed by the upstream. */
    private static GatewayException failure(UpstreamRequest request, Throwable cause) {
        boolean sent = !ConnectFailures.beforeSending(cause);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new GatewayException.UpstreamTimeout(sent ? "no answer from " + request.uri().getHost()
                        + " within " + request.timeout().toMillis() + " ms" : "could not connect to "
                        + request.uri().getHost() + " in time", cause, sent);
            }
        }
        return new GatewayException.TransportFailure("could not reach " + request.uri().getHost(), cause, sent);
    }

    /**
     * The URI as it was written, already encoded. Helidon decodes a URI's path and query and encodes
     * them again its own way, which turns a model id's {@code %3A} into {@code :} and breaks a
     * signature made over the path as sent (Bedrock's SigV4), or a signed URL's query. With URI
     * encoding skipped Helidon writes the path and the query parameters as it holds them, so they
     * are given to it in their encoded form.
     */
    private static ClientUri rawUri(java.net.URI uri) {
        ClientUri out = ClientUri.create(uri);
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            out.path(uri.getRawPath());
        }
        var query = out.writeableQuery();
        query.clear();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&", -1)) {
                int eq = pair.indexOf('=');
                query.add(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return out;
    }

    private static Map<String, List<String>> headers(HttpClientResponse response) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Header header : response.headers()) {
            out.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(header.allValues());
        }
        return out;
    }

    /**
     * The upstream body: a read timeout is an upstream timeout, and closing it before the end closes the connection rather than returning it
     * to the pool, which is how a cancelled stream stops the upstream generating.
     */
    private static final class UpstreamBody extends FilterInputStream {
        private final HttpClientResponse response;

        UpstreamBody(InputStream in, HttpClientResponse response) {
            super(in);
            this.response = response;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (DataReader.InsufficientDataAvailableException e) {
                // Helidon's way of saying the upstream closed the connection mid-body.
                throw new IOException("the upstream closed the connection before its response ended", e);
            }
        }

        /** Readers ask this between reads; Helidon reports failures here unchecked, the JDK's readers expect them checked. */
        @Override
        public int available() throws IOException {
            try {
                return super.available();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        /**
         * Closes the response without reading the rest of the body: closing Helidon's entity
         * stream would drain it first, which for a cancelled or timed-out stream means waiting
         * for the upstream to finish. A failure while closing changes nothing for the caller.
         */
        @Override
        public void close() {
            try {
                response.close();
            } catch (RuntimeException e) {
                // The connection is being abandoned either way.
            }
        }
    }
}
