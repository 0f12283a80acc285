package dev.gatehouse.server.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.testing.SecretParts;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.otlp.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Prompts and completions stay out of traces unless {@code capture_content: true}; then they are
 * redacted of credentials and cut to {@link Content#MAX_CHARS} characters. No key ever leaves.
 */
class ContentCaptureTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PROMPT_WORD = "Zanzibarquokka";
    private static final String ANSWER_WORD = "Quetzalcoatlus";
    private static final String KEY_IN_PROMPT = "sk-proj-PastedIntoThePrompt0123456789abcdef";

    @Test
    void byDefaultNoPromptNoCompletionAndNoKeyIsExported() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s.withPropagateUpstream(true))) {
            gateway.openai.replyText("the answer is " + ANSWER_WORD, new FakeUsage(5, 4));
            gateway.openai.streamText(java.util.List.of("streamed ", ANSWER_WORD), new FakeUsage(5, 2));
            assertEquals(200, gateway.chat("tell me about " + PROMPT_WORD + " " + KEY_IN_PROMPT, false).statusCode());
            assertEquals(200, gateway.chat("tell me about " + PROMPT_WORD, true).statusCode());
            gateway.gatehouse.close(); // exports every span still queued
            assertEquals(6, gateway.receiver.spans().size());
            String bytes = gateway.receiver.allBytes();
            assertFalse(bytes.contains(PROMPT_WORD), "no prompt");
            assertFalse(bytes.contains(ANSWER_WORD), "no completion");
            for (String secret : java.util.List.of(gateway.apiKey, gateway.openai.apiKey(), KEY_IN_PROMPT)) {
                SecretParts.assertAbsent(bytes, secret, "the exported traces");
            }
            gateway.receiver.exports().forEach(export ->
                    assertTrue(export.header("authorization").isEmpty(), "no credential sent to the backend unasked"));
        }
    }

    @Test
    void capturedContentIsRedactedAndTruncated() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s.withCaptureContent(true))) {
            gateway.openai.replyText("the answer is " + ANSWER_WORD + " and " + KEY_IN_PROMPT, new FakeUsage(5, 4));
            assertEquals(200, gateway.chat("tell me about " + PROMPT_WORD + " " + KEY_IN_PROMPT, false).statusCode());
            ReceivedSpan server = gateway.receiver.awaitSpans(s -> s.kind() == SpanKind.SPAN_KIND_SERVER, 1, WAIT)
                    .getFirst();
            String prompt = server.attribute("gen_ai.prompt").orElseThrow();
            String completion = server.attribute("gen_ai.completion").orElseThrow();
            assertTrue(prompt.contains(PROMPT_WORD), prompt);
            assertTrue(prompt.contains("[REDACTED]"), prompt);
            assertTrue(completion.contains(ANSWER_WORD), completion);
            assertTrue(completion.contains("[REDACTED]"), completion);
            for (String secret : java.util.List.of(gateway.apiKey, gateway.openai.apiKey(), KEY_IN_PROMPT)) {
                SecretParts.assertAbsent(gateway.receiver.allBytes(), secret, "the exported traces");
            }

            String longPrompt = "x".repeat(Content.MAX_CHARS * 2);
            gateway.openai.streamText(java.util.List.of("a", "b"), new FakeUsage(5, 2));
            assertEquals(200, gateway.chat(longPrompt, true).statusCode());
            ReceivedSpan streamed = gateway.receiver.awaitSpans(s -> s.kind() == SpanKind.SPAN_KIND_SERVER, 2, WAIT)
                    .get(1);
            String cut = streamed.attribute("gen_ai.prompt").orElseThrow();
            assertTrue(cut.endsWith("…[truncated]"), cut.substring(cut.length() - 40));
            assertEquals(Content.MAX_CHARS + "…[truncated]".length(), cut.length());
            assertEquals("ab", streamed.attribute("gen_ai.completion").orElseThrow(), "a stream's text, as relayed");
        }
    }
}
