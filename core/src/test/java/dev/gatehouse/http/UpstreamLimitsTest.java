package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.routing.RouteTrace;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Upstream answers past the bounds, from fakes that never stop sending: a JSON body without
 * end, an SSE line without end. Each is a bad upstream answer naming the bound and its setting,
 * read no further than the bound (the connection is closed, not drained), and routed like any
 * bad answer: another deployment serves.
 */
class UpstreamLimitsTest {

    private static final UpstreamLimits SMALL = new UpstreamLimits(256 * 1024, 16 * 1024);
    private static final String UNIT = "a".repeat(8 * 1024);

    private final FakeOpenAi endless = new FakeOpenAi();
    private final FakeOpenAi good = new FakeOpenAi();

    @AfterEach
    void stop() {
        endless.close();
        good.close();
    }

    private Gateway gateway() {
        return Gateway.builder()
                .transport(new LimitedTransport(new JdkHttpTransport(), SMALL))
                .routing(RoutingSettings.DEFAULTS.withRetries(0)) // one upstream answer per request, as scripted
                .deployment(Deployment.builder("m", "openai").upstreamModel("gpt-4o").baseUrl(endless.baseUrl())
                        .apiKey(Secret.of(endless.apiKey())).build())
                .build();
    }

    private static ChatRequest hi() {
        return ChatRequest.builder("m").messages(List.of(Message.User.of("Hi"))).build();
    }

    /** The fake saw the client go away mid-body: the rest was never read. */
    private void assertAbandoned() throws InterruptedException {
        for (int i = 0; i < 500 && endless.abandonedStreams() == 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(1, endless.abandonedStreams(), "the client closed the endless body");
    }

    @Test
    void aBodyWithoutEndIsABadAnswerThatNamesTheBoundAndItsSetting() throws Exception {
        endless.enqueue(Reply.Endless.of("application/json", "{\"id\":\"", UNIT));
        GatewayException error = assertThrows(GatewayException.class, () -> gateway().chat(hi()));
        assertTrue(error instanceof GatewayException.UpstreamServerError, error.toString());
        assertTrue(error.getMessage().contains("262144 bytes")
                && error.getMessage().contains("max_upstream_body_bytes"), error.getMessage());
        assertAbandoned();
    }

    @Test
    void aStreamLineWithoutEndEndsTheStreamNamingTheBoundAndItsSetting() throws Exception {
        endless.enqueue(Reply.Endless.of("text/event-stream", "data: {\"id\":\"", UNIT));
        GatewayException error = assertThrows(GatewayException.class, () -> {
            try (ChatStream stream = gateway().chatStream(hi().toBuilder().stream(true).build())) {
                while (stream.hasNext()) {
                    stream.next();
                }
            }
        });
        assertTrue(error instanceof GatewayException.UpstreamServerError, error.toString());
        assertTrue(error.getMessage().contains("16384 bytes")
                && error.getMessage().contains("max_upstream_event_bytes"), error.getMessage());
        assertAbandoned();
    }

    @Test
    void theRouterTreatsAnOversizedAnswerLikeAnyBadAnswerAndTheFallbackServes() throws Exception {
        endless.enqueue(Reply.Endless.of("application/json", "{\"id\":\"", UNIT));
        good.replyText("fine", new FakeUsage(1, 1));
        Gateway gateway = Gateway.builder()
                .transport(new LimitedTransport(new JdkHttpTransport(), SMALL))
                .routing(RoutingSettings.DEFAULTS.withRetries(0))
                .deployment(Deployment.builder("m", "openai").upstreamModel("gpt-4o").baseUrl(endless.baseUrl())
                        .apiKey(Secret.of(endless.apiKey())).build())
                .deployment(Deployment.builder("m-fallback", "openai").upstreamModel("gpt-4o")
                        .baseUrl(good.baseUrl()).apiKey(Secret.of(good.apiKey())).build())
                .fallbacks(new dev.gatehouse.routing.Fallbacks(java.util.Map.of("m", List.of("m-fallback")),
                        java.util.Map.of(), java.util.Map.of()))
                .build();
        RequestContext context = RequestContext.start();
        RouteTrace trace = context.trace();
        ChatResponse answer = gateway.call(context).chat(hi());
        assertEquals("fine", answer.choices().getFirst().message().content());
        assertEquals("m-fallback", trace.fallback(), "a retryable failure goes to the fallbacks");
        assertEquals(2, trace.attempts());
        good.assertNoViolations();
        assertAbandoned();
    }
}
