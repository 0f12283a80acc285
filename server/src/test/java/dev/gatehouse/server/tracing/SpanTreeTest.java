package dev.gatehouse.server.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.otlp.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The spans of a request as an OTLP backend receives them: a SERVER span per request, a child
 * per routing attempt, a CLIENT grandchild per upstream call, with OpenTelemetry's GenAI
 * attributes (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/) and
 * Gatehouse's own.
 */
class SpanTreeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aRetriedChatRequestIsOneServerSpanWithTwoAttemptsEachWithItsUpstreamCall() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s)) {
            gateway.openai.replyError(ErrorKind.SERVER_ERROR);
            gateway.openai.replyText("Hello there", new FakeUsage(12, 3));
            assertEquals(200, gateway.chat("say hello", false).statusCode());

            gateway.receiver.awaitSpans(5, WAIT);
            ReceivedSpan server = gateway.receiver.span("chat gpt");
            assertEquals(SpanKind.SPAN_KIND_SERVER, server.kind());
            assertEquals("", server.parentSpanId(), "a request without traceparent starts a trace");
            assertEquals(Optional.of("chat"), server.attribute("gen_ai.operation.name"));
            assertEquals(Optional.of("gpt"), server.attribute("gen_ai.request.model"));
            assertEquals(Optional.of("openai"), server.attribute("gen_ai.provider.name"));
            // The answer's model as the caller got it: the public name the gateway answers with.
            assertEquals(Optional.of("gpt"), server.attribute("gen_ai.response.model"));
            assertEquals(Optional.of("chatcmpl-fake"), server.attribute("gen_ai.response.id"));
            assertEquals(Optional.of("[stop]"), server.attribute("gen_ai.response.finish_reasons"));
            assertEquals(Optional.of("50"), server.attribute("gen_ai.request.max_tokens"));
            assertEquals(Optional.of("0.25"), server.attribute("gen_ai.request.temperature"));
            assertEquals(Optional.of("12"), server.attribute("gen_ai.usage.input_tokens"));
            assertEquals(Optional.of("3"), server.attribute("gen_ai.usage.output_tokens"));
            assertEquals(Optional.of("2"), server.attribute("gatehouse.attempts"));
            assertEquals(Optional.of("200"), server.attribute("http.response.status_code"));
            assertTrue(server.attribute("gatehouse.key_id").isPresent(), "the key's id, never the key");
            assertTrue(server.attribute("gatehouse.deployment").isPresent());
            assertTrue(server.attribute("gatehouse.request_id").isPresent());
            assertEquals(Optional.of("gatehouse"), server.resourceAttribute("service.name"));
            assertFalse(server.isError());

            List<ReceivedSpan> attempts = gateway.receiver.childrenOf(server);
            assertEquals(2, attempts.size(), attempts.toString());
            ReceivedSpan first = attempt(attempts, "1");
            ReceivedSpan second = attempt(attempts, "2");
            assertEquals("chat gpt-4o", first.name());
            assertTrue(first.isError(), "the failed attempt is in error");
            assertEquals(Optional.of("api_error"), first.attribute("error.type")); // OpenAI's type for a 500
            assertFalse(second.isError());
            assertEquals(Optional.of("gpt-4o"), second.attribute("gen_ai.request.model"));

            ReceivedSpan firstCall = only(gateway.receiver.childrenOf(first));
            ReceivedSpan secondCall = only(gateway.receiver.childrenOf(second));
            assertEquals(SpanKind.SPAN_KIND_CLIENT, firstCall.kind());
            assertEquals("POST", firstCall.name());
            assertEquals(Optional.of("500"), firstCall.attribute("http.response.status_code"));
            assertTrue(firstCall.isError());
            assertEquals(Optional.of("200"), secondCall.attribute("http.response.status_code"));
            assertEquals(Optional.of("127.0.0.1"), secondCall.attribute("server.address"));
            gateway.receiver.assertNoViolations();
        }
    }

    @Test
    void aStreamEndsItsSpansWhenTheStreamEndsWithTheFinishReasonAndUsageItCarried() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s)) {
            gateway.openai.streamText(List.of("Hel", "lo"), new FakeUsage(7, 2));
            var answer = gateway.chat("stream please", true);
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("[DONE]"));

            gateway.receiver.awaitSpans(3, WAIT);
            ReceivedSpan server = gateway.receiver.span("chat gpt");
            assertEquals(Optional.of("true"), server.attribute("gatehouse.stream"));
            assertEquals(Optional.of("[stop]"), server.attribute("gen_ai.response.finish_reasons"));
            assertEquals(Optional.of("chatcmpl-fake"), server.attribute("gen_ai.response.id"));
            assertEquals(Optional.of("7"), server.attribute("gen_ai.usage.input_tokens"));
            assertEquals(Optional.of("2"), server.attribute("gen_ai.usage.output_tokens"));
            assertTrue(server.attribute("gatehouse.time_to_first_token_ms").isPresent());
            ReceivedSpan attempt = only(gateway.receiver.childrenOf(server));
            assertEquals(Optional.of("1"), attempt.attribute("gatehouse.attempt"));
            ReceivedSpan call = only(gateway.receiver.childrenOf(attempt));
            assertEquals(SpanKind.SPAN_KIND_CLIENT, call.kind());
            // A child ends before its parent: the stream's upstream call was over before the request was.
            assertTrue(call.span().getEndTimeUnixNano() <= attempt.span().getEndTimeUnixNano());
            assertTrue(attempt.span().getEndTimeUnixNano() <= server.span().getEndTimeUnixNano());
        }
    }

    @Test
    void aRequestOnAnotherRouteIsOneServerSpanNamedByItsRoute() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s)) {
            try (var client = java.net.http.HttpClient.newHttpClient()) {
                client.send(java.net.http.HttpRequest.newBuilder(gateway.url("/health/liveness")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            }
            ReceivedSpan health = gateway.receiver.awaitSpans(s -> s.name().equals("health"), 1, WAIT).getFirst();
            assertEquals(Optional.of("200"), health.attribute("http.response.status_code"));
            assertTrue(health.attribute("gen_ai.operation.name").isEmpty());
        }
    }

    @Test
    void anUnknownModelIsNeverNamedInTheTrace() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s)) {
            var answer = gateway.post("/v1/chat/completions",
                    "{\"model\":\"no-such-model-xyz\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertEquals(404, answer.statusCode(), answer.body());
            ReceivedSpan server = gateway.receiver.awaitSpans(s -> s.kind() == SpanKind.SPAN_KIND_SERVER, 1, WAIT)
                    .getFirst();
            assertEquals("chat", server.name());
            assertTrue(server.attribute("gen_ai.request.model").isEmpty());
            assertFalse(gateway.receiver.allBytes().contains("no-such-model-xyz"));
        }
    }

    private static ReceivedSpan attempt(List<ReceivedSpan> attempts, String number) {
        return attempts.stream().filter(a -> a.attribute("gatehouse.attempt").equals(Optional.of(number)))
                .findFirst().orElseThrow(() -> new AssertionError("no attempt " + number + " in " + attempts));
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans) {
        assertEquals(1, spans.size(), spans.toString());
        return spans.getFirst();
    }
}
