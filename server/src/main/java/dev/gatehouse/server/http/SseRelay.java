package dev.gatehouse.server.http;

import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import io.helidon.http.HeaderNames;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Relays a streamed answer to its caller as server-sent events, the same way on every streaming
 * route.
 *
 * <p>The first event is awaited before the response starts, so that an upstream that fails at
 * once still gets its proper HTTP status (the failure reaches the pipeline's error funnel). After
 * that a failure can only be reported inside the stream, as the route's API does it (the
 * encoder's error event), and then the stream ends. An event is flushed unless the upstream
 * already has the next one ready: events that arrived together leave together, and none waits
 * for an upstream that is still thinking. A caller that goes away ends the upstream request with
 * it (closing the stream closes the upstream connection). The request is settled (its spend
 * charged, its concurrency slot freed) before the stream's end reaches the caller.
 */
final class SseRelay<T> {

    private final ModelCall<?> call;
    private final Exchange exchange;
    private final EventStream<T> stream;
    private final SseEncoder<T> encoder;
    private boolean closed;

    private SseRelay(ModelCall<?> call, EventStream<T> stream, SseEncoder<T> encoder) {
        this.call = call;
        this.exchange = call.exchange();
        this.stream = stream;
        this.encoder = encoder;
    }

    static <T> void relay(ModelCall<?> call, EventStream<T> stream, SseEncoder<T> encoder) {
        new SseRelay<>(call, stream, encoder).relay();
    }

    private void relay() {
        try (stream) {
            T first = stream.hasNext() ? stream.next() : null;
            long ttft = System.nanoTime() - exchange.startNanos();
            exchange.firstToken(ttft);
            if (call.ticket() != null) {
                call.ticket().firstToken(ttft);
            }
            exchange.header(HeaderNames.CACHE_CONTROL.defaultCase(), "no-cache");
            exchange.begin(200, "text/event-stream");
            call.metrics().streamOpened();
            try (OutputStream body = exchange.outputStream()) {
                run(first, new SseOut(body));
            } catch (IOException | UncheckedIOException callerGone) {
                // The caller closed the connection: leaving closes the upstream stream too.
                call.callerGone();
            } finally {
                call.metrics().streamClosed();
                close();
            }
        }
    }

    /**
     * Relays the events. The call succeeded when the stream ended normally, not with an error
     * event (its own or the upstream's). The stream's end is written, the encoder has charged
     * what the stream carried, and the request is settled ({@link Exchange#lastWrite}) before
     * that end is flushed to the caller.
     */
    private void run(T first, SseOut out) throws IOException {
        try {
            if (first != null) {
                encoder.event(first, out);
                flushUnlessReady(out);
            }
            while (stream.hasNext()) {
                encoder.event(stream.next(), out);
                flushUnlessReady(out);
            }
            encoder.end(out);
            call.succeeded(!encoder.reportedFailure());
        } catch (GatewayException failure) {
            encoder.fail(failure, exchange.requestId(), out);
            call.succeeded(false);
        }
        close();
        exchange.lastWrite();
        out.flush();
    }

    /** The encoder's {@link SseEncoder#closed}, once. */
    private void close() {
        if (!closed) {
            closed = true;
            encoder.closed();
        }
    }

    private void flushUnlessReady(SseOut out) throws IOException {
        if (!stream.nextIsReady()) {
            out.flush();
        }
    }
}
