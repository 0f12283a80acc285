package dev.gatehouse.testkit.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An OTLP/HTTP trace receiver on loopback, as a collector or a tracing backend is one: it takes
 * {@code POST /v1/traces} with an {@code application/x-protobuf} body, decodes the
 * {@code ExportTraceServiceRequest} with OpenTelemetry's own messages, and keeps every export's
 * headers, raw bytes and spans for the test to look at. Anything else is refused and recorded
 * as a violation. It can also be told to fail every export (a backend that is down).
 */
public final class FakeOtlpReceiver implements AutoCloseable {

    private final FakeHttpServer server = new FakeHttpServer(this::handle);
    private final List<Export> exports = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile int failWith;
    private volatile boolean hanging;

    /** One export as received: its headers (lowercase names), its bytes, and its spans. */
    public record Export(Map<String, List<String>> headers, byte[] body, List<ReceivedSpan> spans) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }
    }

    /** {@code http://127.0.0.1:PORT}: the base endpoint; spans go to {@code /v1/traces} under it. */
    public URI endpoint() {
        return server.baseUrl();
    }

    /** The traces URL, {@code <endpoint>/v1/traces}. */
    public URI tracesUrl() {
        return URI.create(endpoint() + "/v1/traces");
    }

    /** Answers every export from now on with {@code status} (0: accept again). */
    public void failWith(int status) {
        this.failWith = status;
    }

    /** Never answers an export from now on (a backend that hangs). */
    public void hang() {
        this.hanging = true;
    }

    private Reply handle(RecordedRequest request) {
        if (hanging) {
            return new Reply.Hang();
        }
        if (!request.method().equals("POST") || !request.pathOnly().equals("/v1/traces")) {
            violations.add("unexpected " + request.method() + " " + request.path());
            return Reply.Full.json(404, "{}");
        }
        String type = request.header("content-type").orElse("");
        if (!type.equals("application/x-protobuf")) {
            violations.add("content-type " + type + " is not application/x-protobuf");
            return Reply.Full.json(415, "{}");
        }
        if (failWith != 0) {
            return Reply.Full.json(failWith, "{}");
        }
        ExportTraceServiceRequest decoded;
        try {
            decoded = ExportTraceServiceRequest.parseFrom(request.body());
        } catch (InvalidProtocolBufferException e) {
            violations.add("the body is not an ExportTraceServiceRequest: " + e.getMessage());
            return Reply.Full.json(400, "{}");
        }
        List<ReceivedSpan> spans = new ArrayList<>();
        for (ResourceSpans resource : decoded.getResourceSpansList()) {
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(resource.getResource(), span)));
            }
        }
        exports.add(new Export(request.headers(), request.body(), List.copyOf(spans)));
        return new Reply.Full(200, Map.of("content-type", "application/x-protobuf"),
                ExportTraceServiceResponse.getDefaultInstance().toByteArray());
    }

    /** Every export received so far. */
    public List<Export> exports() {
        return List.copyOf(exports);
    }

    /** Every span received so far, in the order they arrived. */
    public List<ReceivedSpan> spans() {
        return exports.stream().flatMap(e -> e.spans().stream()).toList();
    }

    /** Every byte of every export so far, as ISO-8859-1 text (each byte one char): for leak checks. */
    public String allBytes() {
        StringBuilder out = new StringBuilder();
        exports.forEach(e -> out.append(new String(e.body(), java.nio.charset.StandardCharsets.ISO_8859_1)));
        return out.toString();
    }

    /** Waits until at least {@code count} spans have arrived; fails after {@code timeout}. */
    public List<ReceivedSpan> awaitSpans(int count, Duration timeout) {
        return awaitSpans(span -> true, count, timeout);
    }

    /** Waits until at least {@code count} spans {@code matching} have arrived; fails after {@code timeout}. */
    public List<ReceivedSpan> awaitSpans(Predicate<ReceivedSpan> matching, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedSpan> found = spans().stream().filter(matching).toList();
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " spans, received " + found.size() + " of "
                        + spans().size() + ": " + spans());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for spans", e);
            }
        }
    }

    /** The one span named {@code name}; fails when there is not exactly one. */
    public ReceivedSpan span(String name) {
        List<ReceivedSpan> named = spans().stream().filter(s -> s.name().equals(name)).toList();
        if (named.size() != 1) {
            throw new AssertionError("expected one span named " + name + ", found " + named.size() + " in " + spans());
        }
        return named.getFirst();
    }

    /** The spans whose parent is {@code parent}, in the order they arrived. */
    public List<ReceivedSpan> childrenOf(ReceivedSpan parent) {
        return spans().stream().filter(s -> s.parentSpanId().equals(parent.spanId())
                && s.traceId().equals(parent.traceId())).toList();
    }

    /** The spans with attribute {@code key} equal to {@code value} (compared as text). */
    public List<ReceivedSpan> withAttribute(String key, String value) {
        return spans().stream().filter(s -> s.attribute(key).map(value::equals).orElse(false)).toList();
    }

    /** Fails with every request the receiver refused. */
    public void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("the OTLP receiver refused requests: " + violations);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
