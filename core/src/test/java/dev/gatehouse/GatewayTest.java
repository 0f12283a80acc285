package dev.gatehouse;

import dev.gatehouse.routing.RoutingSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayTest {

    private FakeOpenAi openai;
    private FakeOpenAi xai;
    private Gateway gateway;

    @BeforeEach
    void start() {
        openai = new FakeOpenAi();
        xai = new FakeOpenAi(Dialect.XAI);
        gateway = Gateway.builder()
                .routing(RoutingSettings.DEFAULTS.withRetries(0)) // one upstream answer per request, as scripted
                .deployment(Deployment.builder("smart", "openai").upstreamModel("gpt-4o").baseUrl(openai.baseUrl())
                        .apiKey(Secret.of(openai.apiKey())).build())
                .deployment(Deployment.builder("grok", "xai").upstreamModel("grok-4").baseUrl(xai.baseUrl())
                        .apiKey(Secret.of(xai.apiKey())).build())
                .build();
    }

    @AfterEach
    void stop() {
        openai.close();
        xai.close();
    }

    private static ChatRequest ask(String model) {
        return ChatRequest.of(model, List.of(Message.User.of("Hi")));
    }

    @Test
    void routesByPublicNameAndRenamesBothWays() {
        xai.replyText("from grok", new FakeUsage(1, 1));
        ChatResponse response = gateway.chat(ask("grok"));
        assertEquals("from grok", response.choices().getFirst().message().content());
        assertEquals("grok", response.model(), "the caller sees the public name");
        assertEquals("grok-4", xai.lastRequest().json().get("model").asText(), "the upstream sees its own name");
        assertTrue(openai.requests().isEmpty());
        xai.assertNoViolations();
    }

    @Test
    void streamsUnderThePublicName() {
        openai.streamText(List.of("a", "b"), new FakeUsage(1, 2));
        List<ChatChunk> chunks = new ArrayList<>();
        try (ChatStream stream = gateway.chatStream(ask("smart"))) {
            stream.forEachRemaining(chunks::add);
        }
        assertTrue(chunks.stream().allMatch(c -> c.model().equals("smart")));
        assertTrue(openai.lastRequest().json().get("stream").asBoolean());
    }

    @Test
    void theRequestsContextCountsItsTimeUpstream() {
        openai.streamSlowly(5, 40);
        RequestContext context = RequestContext.start();
        try (ChatStream stream = gateway.call(context).chatStream(ask("smart"))) {
            stream.forEachRemaining(chunk -> {});
        }
        long upstream = context.upstream().nanos();
        assertTrue(upstream >= java.time.Duration.ofMillis(150).toNanos(), "the stream's waits count: " + upstream);
        assertTrue(upstream <= System.nanoTime() - context.startNanos());
        assertEquals("openai", context.trace().deployment().provider());
    }

    @Test
    void routingEstimatesTokensWithTheGatewaysEstimator() {
        Gateway counted = Gateway.builder()
                .routing(RoutingSettings.DEFAULTS.withRetries(0) // no wait for the next minute's window
                        .withBackoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1)))
                .tokenEstimator(request -> 1_000)
                .deployment(Deployment.builder("small", "openai").baseUrl(openai.baseUrl())
                        .apiKey(Secret.of(openai.apiKey())).tpm(999L).build())
                .build();
        // Characters / 4 would make "Hi" one token; this estimator says more than the deployment's minute.
        GatewayException.RateLimited refused = assertThrows(GatewayException.RateLimited.class,
                () -> counted.chat(ask("small")));
        assertTrue(refused.getMessage().contains("capacity"), refused.getMessage());
        assertTrue(openai.requests().isEmpty());
        assertEquals(1_000, counted.call(RequestContext.start()).countTokens(ask("small")).inputTokens());
    }

    @Test
    void routingEstimatesARequestsTokensOnceAndOnlyForATokensPerMinuteLimit() {
        java.util.concurrent.atomic.AtomicInteger estimates = new java.util.concurrent.atomic.AtomicInteger();
        Gateway counted = Gateway.builder()
                .tokenEstimator(request -> {
                    estimates.incrementAndGet();
                    return 10;
                })
                .deployment(Deployment.builder("per-request", "openai").baseUrl(openai.baseUrl())
                        .apiKey(Secret.of(openai.apiKey())).rpm(100).build())
                .deployment(Deployment.builder("per-token", "openai").baseUrl(openai.baseUrl())
                        .apiKey(Secret.of(openai.apiKey())).tpm(100_000L).build())
                .build();
        for (int i = 0; i < 3; i++) {
            openai.replyText("ok", new FakeUsage(1, 1));
        }
        counted.chat(ask("per-request"));
        assertEquals(0, estimates.get(), "requests per minute need no token count");

        RequestContext context = RequestContext.start();
        assertEquals(10, context.inputTokens(() -> 10)); // admission counted it first, as the server's does
        counted.call(context).chat(ask("per-token"));
        assertEquals(0, estimates.get(), "the count already in the request's context is used");

        counted.chat(ask("per-token"));
        assertEquals(1, estimates.get());
    }

    @Test
    void anUnknownModelIsNotFoundAndNothingIsSent() {
        for (String model : List.of("gpt-5", "https://evil.example/v1", "openai/gpt-4o", "../smart")) {
            GatewayException.NotFound error = assertThrows(GatewayException.NotFound.class, () -> gateway.chat(ask(model)));
            assertEquals("model_not_found", error.code());
            assertEquals(404, error.status());
        }
        assertTrue(openai.requests().isEmpty() && xai.requests().isEmpty());
    }

    @Test
    void anUpstreamThatNeverAnswersTimesOut() {
        Gateway impatient = Gateway.builder()
                .routing(RoutingSettings.DEFAULTS.withRetries(0)) // one upstream answer per request, as scripted
                .deployment(Deployment.builder("slow", "openai").baseUrl(openai.baseUrl())
                        .apiKey(Secret.of(openai.apiKey())).timeout(java.time.Duration.ofMillis(300)).build())
                .build();
        openai.enqueue(new dev.gatehouse.testkit.Reply.Hang());
        GatewayException.UpstreamTimeout error = assertThrows(GatewayException.UpstreamTimeout.class,
                () -> impatient.chat(ask("slow")));
        assertEquals(504, error.status());
        assertTrue(error.retryable());
    }

    @Test
    void aStreamThatRunsPastItsTotalTimeoutIsCutOff() {
        Gateway bounded = Gateway.builder()
                .routing(RoutingSettings.DEFAULTS.withRetries(0)) // one upstream answer per request, as scripted
                .deployment(Deployment.builder("bounded", "openai").baseUrl(openai.baseUrl())
                        .apiKey(Secret.of(openai.apiKey())).totalTimeout(java.time.Duration.ofMillis(400)).build())
                .build();
        openai.streamSlowly(200, 20);
        List<ChatChunk> received = new ArrayList<>();
        GatewayException.UpstreamTimeout error = assertThrows(GatewayException.UpstreamTimeout.class, () -> {
            try (ChatStream stream = bounded.chatStream(ask("bounded"))) {
                stream.forEachRemaining(received::add);
            }
        });
        assertTrue(error.getMessage().contains("total timeout of 400 ms"), error.getMessage());
        assertTrue(received.size() < 200, "the stream was cut short");
    }

    @Test
    void anUnreachableUpstreamIsATransportFailure() {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Gateway nowhere = Gateway.builder()
                .routing(RoutingSettings.DEFAULTS.withRetries(0)) // one upstream answer per request, as scripted
                .deployment(Deployment.builder("gone", "openai").baseUrl("http://127.0.0.1:" + closedPort + "/v1")
                        .apiKey(Secret.of("k")).build())
                .build();
        GatewayException.TransportFailure error = assertThrows(GatewayException.TransportFailure.class,
                () -> nowhere.chat(ask("gone")));
        assertEquals(502, error.status());
    }

    @Test
    void listsItsModels() {
        assertEquals(List.of("smart", "grok"), gateway.models());
    }

    @Test
    void refusesAConfigurationMistakeAtBuildTime() {
        // Several deployments of one model are its routing group; one id used twice is a mistake.
        Deployment twice = Deployment.builder("smart", "openai").id("primary").build();
        assertThrows(IllegalArgumentException.class,
                () -> Gateway.builder().deployment(twice).deployment(twice).build());
        assertThrows(IllegalArgumentException.class,
                () -> Gateway.builder().deployment(Deployment.builder("x", "no-such-provider").build()));
    }
}
