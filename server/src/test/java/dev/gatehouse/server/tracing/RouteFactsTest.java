package dev.gatehouse.server.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeResponses;
import dev.gatehouse.testkit.otlp.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The GenAI facts of the other model routes: Anthropic's Messages as written (whole and
 * streamed) and translated, OpenAI's Responses as written, legacy completions.
 */
class RouteFactsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void messagesAsWrittenWholeAndStreamed() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s)) {
            gateway.anthropic.replyText("hi", new FakeUsage(9, 2));
            gateway.anthropic.streamText(List.of("h", "i"), new FakeUsage(9, 2));
            for (boolean stream : new boolean[] {false, true}) {
                var answer = gateway.post("/v1/messages", "{\"model\":\"claude\",\"max_tokens\":64,\"temperature\":0.5,"
                        + "\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
                assertEquals(200, answer.statusCode(), answer.body());
            }
            List<ReceivedSpan> servers = servers(gateway, 2);
            for (ReceivedSpan server : servers) {
                assertEquals("chat claude", server.name());
                assertEquals(Optional.of("anthropic"), server.attribute("gen_ai.provider.name"));
                assertEquals(Optional.of("64"), server.attribute("gen_ai.request.max_tokens"));
                assertEquals(Optional.of("0.5"), server.attribute("gen_ai.request.temperature"));
                assertEquals(Optional.of("[end_turn]"), server.attribute("gen_ai.response.finish_reasons"));
                assertTrue(server.attribute("gen_ai.response.id").orElseThrow().startsWith("msg_fake_"));
                assertEquals(Optional.of("9"), server.attribute("gen_ai.usage.input_tokens"));
            }
        }
    }

    @Test
    void messagesTranslatedResponsesAsWrittenAndCompletions() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s)) {
            gateway.openai.replyText("a", new FakeUsage(3, 1));
            gateway.openai.responses().reply(new FakeResponses.Usage(3, 1, 0), new FakeResponses.Text("b"));
            gateway.openai.replyText("c", new FakeUsage(3, 1));
            assertEquals(200, gateway.post("/v1/messages", "{\"model\":\"gpt\",\"max_tokens\":32,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}").statusCode());
            assertEquals(200, gateway.post("/v1/responses", "{\"model\":\"gpt\",\"max_output_tokens\":33,"
                    + "\"store\":false,\"input\":\"hello\"}").statusCode());
            assertEquals(200, gateway.post("/v1/completions", "{\"model\":\"gpt\",\"max_tokens\":34,"
                    + "\"prompt\":\"hello\"}").statusCode());
            List<ReceivedSpan> servers = servers(gateway, 3);
            assertEquals(List.of("chat gpt", "chat gpt", "text_completion gpt"),
                    servers.stream().map(ReceivedSpan::name).sorted().toList());
            for (ReceivedSpan server : servers) {
                // A Response's finish reason is its status (OpenAI's Responses API as written, to OpenAI).
                String finish = server.attribute("gatehouse.route").orElseThrow().equals("responses") ? "[completed]"
                        : "[stop]";
                assertEquals(Optional.of(finish), server.attribute("gen_ai.response.finish_reasons"), server.name());
                assertTrue(server.attribute("gen_ai.request.max_tokens").isPresent(), server.name());
                assertTrue(server.attribute("gen_ai.response.id").isPresent(), server.name());
            }
        }
    }

    private static List<ReceivedSpan> servers(TracedGateway gateway, int count) {
        return gateway.receiver.awaitSpans(s -> s.kind() == SpanKind.SPAN_KIND_SERVER, count, WAIT);
    }
}
