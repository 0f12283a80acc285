package dev.gatehouse.server.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.otlp.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context (https://www.w3.org/TR/trace-context/): a caller's {@code traceparent} is
 * continued; upstreams get one only when {@code propagate_to_upstreams} says so; a sample ratio of
 * 0 keeps no new trace.
 */
class PropagationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Test
    void aCallersTraceparentIsContinuedAndUpstreamsGetNoneByDefault() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s)) {
            gateway.openai.replyText("ok", new FakeUsage(1, 1));
            assertEquals(200, gateway.chat("hi", false, "traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01",
                    "tracestate", "vendor=abc").statusCode());
            ReceivedSpan server = gateway.receiver.awaitSpans(s -> s.kind() == SpanKind.SPAN_KIND_SERVER, 1, WAIT)
                    .getFirst();
            assertEquals(TRACE, server.traceId());
            assertEquals(CALLER_SPAN, server.parentSpanId());
            assertEquals("vendor=abc", server.span().getTraceState());
            assertTrue(gateway.openai.lastRequest().header("traceparent").isEmpty(),
                    "no trace context leaves for a third party unless the setting says so");
        }
    }

    @Test
    void withPropagationTheUpstreamCallCarriesItsOwnSpanAsParent() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s.withPropagateUpstream(true))) {
            gateway.openai.replyText("ok", new FakeUsage(1, 1));
            assertEquals(200, gateway.chat("hi", false, "traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01")
                    .statusCode());
            ReceivedSpan call = gateway.receiver.awaitSpans(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT, 1, WAIT)
                    .getFirst();
            String sent = gateway.openai.lastRequest().header("traceparent").orElseThrow();
            assertEquals("00-" + TRACE + "-" + call.spanId() + "-01", sent);
        }
    }

    @Test
    void aCallersUnsampledFlagIsFollowed() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s.withPropagateUpstream(true))) {
            gateway.openai.replyText("ok", new FakeUsage(1, 1));
            gateway.chat("hi", false, "traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-00");
            String sent = gateway.openai.lastRequest().header("traceparent").orElseThrow();
            assertTrue(sent.startsWith("00-" + TRACE + "-") && sent.endsWith("-00"), sent);
            gateway.gatehouse.close(); // flushes what was queued
            assertEquals(0, gateway.receiver.spans().size(), "parent-based: an unsampled caller's trace is not kept");
        }
    }

    @Test
    void aSampleRatioOfZeroExportsNothingYetRequestsAreServed() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s.withSampleRatio(0))) {
            for (int i = 0; i < 3; i++) {
                gateway.openai.replyText("ok", new FakeUsage(1, 1));
                assertEquals(200, gateway.chat("hi", false).statusCode());
            }
            gateway.gatehouse.close(); // flushes what was queued
            assertEquals(0, gateway.receiver.exports().size());
            assertTrue(gateway.scrape().contains("gatehouse_trace_spans_exported_total 0"), gateway.scrape());
        }
    }

    @Test
    void theConfiguredHeadersReachTheBackendAndSpansArriveAsProtobuf() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s.withHeaders(java.util.Map.of(
                "x-honeycomb-team", dev.gatehouse.secret.Secret.of("team-key-for-traces-123"))))) {
            gateway.openai.replyText("ok", new FakeUsage(1, 1));
            gateway.chat("hi", false);
            gateway.receiver.awaitSpans(3, WAIT);
            var export = gateway.receiver.exports().getFirst();
            assertEquals(Optional.of("team-key-for-traces-123"), export.header("x-honeycomb-team"));
            assertEquals(Optional.of("application/x-protobuf"), export.header("content-type"));
            gateway.receiver.assertNoViolations();
        }
    }
}
