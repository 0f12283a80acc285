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
 * it (closing the stream closes the upstream connection).
 */
final class SseRelay {

    private SseRelay() {}

    static <T> void relay(ModelCall<?> call, EventStream<T> stream, SseEncoder<T> encoder) {
        Exchange exchange = call.exchange();
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
                call.succeeded(run(first, stream, encoder, new SseOut(body), exchange.requestId()));
            } catch (IOException | UncheckedIOException callerGone) {
                // The caller closed the connection: leaving closes the upstream stream too.
                call.callerGone();
            } finally {
                call.metrics().streamClosed();
                encoder.closed();
            }
        }
    }

    /** True when the stream ended normally, false when it ended with an error event (its own or the upstream's). */
    private static <T> boolean run(T first, EventStream<T> stream, SseEncoder<T> encoder, SseOut out,
            String requestId) throws IOException {
        try {
            if (first != null) {
                encoder.event(first, out);
                flushUnlessReady(stream, out);
            }
            while (stream.hasNext()) {
                encoder.event(stream.next(), out);
                flushUnlessReady(stream, out);
            }
            encoder.end(out);
            out.flush();
            return !encoder.reportedFailure();
        } catch (GatewayException failure) {
            encoder.fail(failure, requestId, out);
            out.flush();
            return false;
        }
    }

    private static void flushUnlessReady(EventStream<?> stream, SseOut out) throws IOException {
        if (!stream.nextIsReady()) {
            out.flush();
        }
    }
}
