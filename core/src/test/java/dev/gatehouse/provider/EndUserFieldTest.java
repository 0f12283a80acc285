package dev.gatehouse.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.Message;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.bedrock.FakeBedrock;
import dev.gatehouse.testkit.gemini.FakeGemini;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The caller's end-user id through the gateway to an upstream without a field for it (Bedrock's
 * Converse API, Gemini) on deployments that do not drop parameters: the whole request goes
 * through without it, and the request's trace (the {@code x-gatehouse-dropped} header) names it
 * (docs/agents.md, "The end-user id").
 */
class EndUserFieldTest {

    private static final String USER = "end-user-4711";

    private final FakeBedrock bedrock = new FakeBedrock();
    private final FakeGemini gemini = new FakeGemini();
    private final Gateway gateway = Gateway.builder()
            .deployment(Deployment.builder("claude", "bedrock").upstreamModel("anthropic.claude-sonnet-4-5-20250929-v1:0")
                    .baseUrl(bedrock.baseUrl()).options(Map.of("region", FakeBedrock.REGION))
                    .credential("aws_access_key_id", Secret.of(FakeBedrock.ACCESS_KEY_ID))
                    .credential("aws_secret_access_key", Secret.of(bedrock.apiKey()))
                    .timeout(Duration.ofSeconds(5)).build())
            .deployment(Deployment.builder("gemini", "gemini").upstreamModel("gemini-2.5-flash")
                    .baseUrl(gemini.baseUrl()).apiKey(Secret.of(gemini.apiKey()))
                    .timeout(Duration.ofSeconds(5)).build())
            .build();

    @AfterEach
    void close() {
        bedrock.close();
        gemini.close();
    }

    private static ChatRequest hello(String model, boolean stream) {
        return ChatRequest.of(model, List.of(Message.User.of("Hi"))).toBuilder().user(USER).stream(stream).build();
    }

    @Test
    void bedrockAnswersAndTheEndUserIdIsNamedAsDropped() {
        bedrock.replyText("Hello.", new FakeUsage(5, 2));
        RequestContext context = RequestContext.start();
        ChatResponse answer = gateway.call(context).chat(hello("claude", false));
        assertEquals("Hello.", answer.choices().getFirst().message().content());
        bedrock.assertNoViolations();
        assertFalse(bedrock.requests().getLast().bodyText().contains(USER), bedrock.requests().getLast().bodyText());
        assertEquals(List.of("user"), context.trace().dropped());
    }

    @Test
    void geminiAnswersAndTheEndUserIdIsNamedAsDropped() {
        gemini.replyText("Hello.", new FakeUsage(5, 2));
        RequestContext context = RequestContext.start();
        ChatResponse answer = gateway.call(context).chat(hello("gemini", false));
        assertEquals("Hello.", answer.choices().getFirst().message().content());
        gemini.assertNoViolations();
        assertFalse(gemini.requests().getLast().bodyText().contains(USER), gemini.requests().getLast().bodyText());
        assertEquals(List.of("user"), context.trace().dropped());
    }

    @Test
    void aStreamIsTreatedTheSame() throws Exception {
        gemini.streamText(List.of("Hel", "lo."), new FakeUsage(5, 2));
        RequestContext context = RequestContext.start();
        try (var stream = gateway.call(context).chatStream(hello("gemini", true))) {
            while (stream.hasNext()) {
                stream.next();
            }
        }
        gemini.assertNoViolations();
        assertFalse(gemini.requests().getLast().bodyText().contains(USER), gemini.requests().getLast().bodyText());
        assertEquals(List.of("user"), context.trace().dropped());
    }
}
