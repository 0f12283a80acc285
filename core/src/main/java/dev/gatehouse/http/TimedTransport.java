package dev.gatehouse.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transport that adds the time its requests spend upstream to one request's
 * {@link UpstreamClock}: the exchange up to the answer's headers, every read of the answer's body
 * (a stream's waits for its next event included) and pauses between polls. It is made for each
 * attempt, around the transport the deployment uses, and tells the attempt's
 * {@link UpstreamObserver} of each call (a server's trace span of the upstream call).
 */
public final class TimedTransport implements Transport {

    private final Transport transport;
    private final UpstreamClock clock;
    private final UpstreamObserver observer;

    public TimedTransport(Transport transport, UpstreamClock clock) {
        this(transport, clock, UpstreamObserver.NONE);
    }

    public TimedTransport(Transport transport, UpstreamClock clock, UpstreamObserver observer) {
        this.transport = transport;
        this.clock = clock;
        this.observer = observer;
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        UpstreamObserver.Call call = observer.started(request);
        long start = System.nanoTime();
        try {
            UpstreamResponse response = transport.send(withHeaders(request, call.headers()));
            call.responded(response.status());
            return new UpstreamResponse(response.status(), response.headers(),
                    new TimedBody(response.body(), clock, call), response.limits());
        } catch (RuntimeException | Error e) {
            call.failed(e);
            call.end();
            throw e;
        } finally {
            clock.add(System.nanoTime() - start);
        }
    }

    /** The request with the observer's headers added (the request's own win: they are its credentials and format). */
    private static UpstreamRequest withHeaders(UpstreamRequest request, Map<String, String> extra) {
        if (extra.isEmpty()) {
            return request;
        }
        Map<String, String> all = new LinkedHashMap<>(extra);
        all.putAll(request.headers());
        return new UpstreamRequest(request.method(), request.uri(), all, request.body(), request.timeout(),
                request.totalTimeout(), request.idleTimeout());
    }

    @Override
    public void pause(Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        try {
            transport.pause(duration);
        } finally {
            clock.add(System.nanoTime() - start);
        }
    }

    @Override
    public Transport withConnectTimeout(Duration connectTimeout) {
        return new TimedTransport(transport.withConnectTimeout(connectTimeout), clock, observer);
    }

    /** An answer's body whose reads count as upstream time; closing it ends the observed call. */
    private static final class TimedBody extends FilterInputStream {
        private final UpstreamClock clock;
        private final UpstreamObserver.Call call;
        private boolean ended;

        TimedBody(InputStream in, UpstreamClock clock, UpstreamObserver.Call call) {
            super(in);
            this.clock = clock;
            this.call = call;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (!ended) {
                    ended = true;
                    call.end();
                }
            }
        }

        @Override
        public int read() throws IOException {
            long start = System.nanoTime();
            try {
                return super.read();
            } catch (IOException | RuntimeException e) {
                call.failed(e);
                throw e;
            } finally {
                clock.add(System.nanoTime() - start);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long start = System.nanoTime();
            try {
                return super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                call.failed(e);
                throw e;
            } finally {
                clock.add(System.nanoTime() - start);
            }
        }
    }
}
