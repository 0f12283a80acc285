package dev.gatehouse.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A transport that adds the time its requests spend upstream to one request's
 * {@link UpstreamClock}: the exchange up to the answer's headers, every read of the answer's body
 * (a stream's waits for its next event included) and pauses between polls. It is made for each
 * attempt, around the transport the deployment uses.
 */
public final class TimedTransport implements Transport {

    private final Transport transport;
    private final UpstreamClock clock;

    public TimedTransport(Transport transport, UpstreamClock clock) {
        this.transport = transport;
        this.clock = clock;
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
        long start = System.nanoTime();
        try {
            UpstreamResponse response = transport.send(request);
            return new UpstreamResponse(response.status(), response.headers(), new TimedBody(response.body(), clock),
                    response.limits());
        } finally {
            clock.add(System.nanoTime() - start);
        }
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
        return new TimedTransport(transport.withConnectTimeout(connectTimeout), clock);
    }

    /** An answer's body whose reads count as upstream time. */
    private static final class TimedBody extends FilterInputStream {
        private final UpstreamClock clock;

        TimedBody(InputStream in, UpstreamClock clock) {
            super(in);
            this.clock = clock;
        }

        @Override
        public int read() throws IOException {
            long start = System.nanoTime();
            try {
                return super.read();
            } finally {
                clock.add(System.nanoTime() - start);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long start = System.nanoTime();
            try {
                return super.read(b, off, len);
            } finally {
                clock.add(System.nanoTime() - start);
            }
        }
    }
}
