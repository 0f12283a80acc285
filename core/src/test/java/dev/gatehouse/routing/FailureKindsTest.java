package dev.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each failure kind on a group's primary deployment, over real HTTP to the testkit's fakes, and
 * what the caller gets: the answer of the backup deployment where a retry can give it, else the
 * right error, quickly. The primary is the cheaper of the two, so lowest-cost routing always
 * tries it first.
 */
class FailureKindsTest {

    private static final Map<String, String> SSE = Map.of("content-type", "text/event-stream");

    private FakeOpenAi primary;
    private FakeOpenAi backup;
    private Gateway gateway;

    @BeforeEach
    void start() {
        primary = new FakeOpenAi();
        backup = new FakeOpenAi();
        gateway = Gateway.builder()
                .transport(new JdkHttpTransport(Duration.ofSeconds(2)))
                .deployment(deployment("primary", primary))
                .deployment(deployment("backup", backup))
                .strategy("chat", Strategy.LOWEST_COST)
                .prices(d -> d.id().equals("primary") ? ModelPrice.tokens("1", "1") : ModelPrice.tokens("9", "9"))
                .routing(RoutingSettings.DEFAULTS.withBackoff(Duration.ofMillis(5), Duration.ofMillis(50)))
                .build();
    }

    private static Deployment deployment(String id, FakeOpenAi fake) {
        return Deployment.builder("chat", "openai").id(id).upstreamModel("gpt-4o").baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).timeout(Duration.ofMillis(300)).totalTimeout(Duration.ofSeconds(1))
                .build();
    }

    @AfterEach
    void stop() {
        primary.assertNoViolations();
        backup.assertNoViolations();
        primary.close();
        backup.close();
    }

    private static ChatRequest ask() {
        return ChatRequest.of("chat", List.of(Message.User.of("Hi")));
    }

    /** Asks once; the backup must answer, after exactly one try of the primary. */
    private void answeredByBackup() {
        backup.replyText("from backup", new FakeUsage(3, 2));
        RequestContext context = RequestContext.start();
        RouteTrace trace = context.trace();
        ChatResponse response = gateway.call(context).chat(ask());
        assertEquals("from backup", response.choices().getFirst().message().content());
        assertEquals("chat", response.model());
        assertEquals("backup", trace.deployment().id());
        assertEquals(2, trace.attempts());
        assertNull(trace.fallback());
        assertEquals(1, primary.requests().size());
    }

    private static Reply.Full openAiError(int status) {
        return Reply.Full.json(status, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":null}}");
    }

    @Test
    void a500IsRetriedOnTheBackup() {
        primary.replyError(ErrorKind.SERVER_ERROR);
        answeredByBackup();
    }

    @Test
    void a503IsRetriedOnTheBackup() {
        primary.replyError(ErrorKind.OVERLOADED);
        answeredByBackup();
    }

    @Test
    void a529IsRetriedOnTheBackup() {
        primary.enqueue(openAiError(529));
        answeredByBackup();
    }

    @Test
    void a429WithRetryAfterIsRetriedOnTheBackupAndCoolsThePrimaryDownForThatLong() {
        primary.replyError(ErrorKind.RATE_LIMITED); // retry-after: 7
        answeredByBackup();
        DeploymentStatus status = gateway.deploymentStatus().getFirst();
        assertEquals("primary", status.id());
        assertEquals("cooling_down", status.state());
        Duration left = Duration.between(java.time.Instant.now(), status.coolingUntil());
        assertTrue(left.compareTo(Duration.ofSeconds(8)) <= 0 && left.compareTo(Duration.ofSeconds(5)) > 0,
                left.toString());
        // While it cools, the backup serves without the primary being asked.
        backup.replyText("again", new FakeUsage(1, 1));
        assertEquals("again", gateway.chat(ask()).choices().getFirst().message().content());
        assertEquals(1, primary.requests().size());
    }

    @Test
    void aHangPastTheFirstByteTimeoutIsRetriedOnTheBackup() {
        primary.enqueue(new Reply.Hang());
        answeredByBackup();
    }

    @Test
    void malformedJsonIsRetriedOnTheBackup() {
        primary.enqueue(Reply.Full.json(200, "{\"id\": \"chatcmpl-1\", \"choices\": [tru"));
        answeredByBackup();
    }

    @Test
    void aConnectionResetBeforeTheFirstStreamedByteIsRetriedOnTheBackup() {
        primary.enqueue(new Reply.Drop());
        backup.streamText(List.of("Hel", "lo"), new FakeUsage(2, 2));
        RequestContext context = RequestContext.start();
        RouteTrace trace = context.trace();
        try (ChatStream stream = gateway.call(context).chatStream(ask())) {
            assertEquals("Hello", text(stream));
        }
        assertEquals("backup", trace.deployment().id());
        assertEquals(2, trace.attempts());
    }

    @Test
    void aStreamThatFailsBeforeItsFirstChunkIsRetriedOnTheBackup() {
        primary.enqueue(new Reply.Stream(200, SSE, List.of(), true)); // headers, then the connection breaks
        backup.streamText(List.of("ok"), new FakeUsage(1, 1));
        RequestContext context = RequestContext.start();
        RouteTrace trace = context.trace();
        try (ChatStream stream = gateway.call(context).chatStream(ask())) {
            assertEquals("ok", text(stream));
        }
        assertEquals(2, trace.attempts());
    }

    @Test
    void aConnectionResetAfterTheFirstStreamedByteReachesTheCallerAndIsNeverRetried() {
        primary.streamTextThenDrop(List.of("Hel", "lo"));
        RequestContext context = RequestContext.start();
        RouteTrace trace = context.trace();
        List<String> received = new ArrayList<>();
        try (ChatStream stream = gateway.call(context).chatStream(ask())) {
            GatewayException broken = assertThrows(GatewayException.class, () -> {
                while (stream.hasNext()) {
                    ChatChunk chunk = stream.next();
                    if (!chunk.choices().isEmpty() && chunk.choices().getFirst().delta().content() != null) {
                        received.add(chunk.choices().getFirst().delta().content());
                    }
                }
            });
            assertTrue(broken.retryable(), "a broken connection");
        }
        assertEquals(List.of("", "Hel", "lo"), received);
        assertEquals(1, trace.attempts());
        assertEquals(0, backup.requests().size(), "part of the answer had gone out: no second try");
        assertEquals(1, gateway.deploymentStatus().getFirst().failures(), "counted against the primary");
    }

    @Test
    void aSlowDripThatMissesTheDeadlineBeforeItsFirstChunkIsRetriedOnTheBackup() {
        // Headers at once, then nothing until after the primary's total timeout (1 s).
        primary.enqueue(new Reply.Stream(200, SSE, List.of(new Reply.Frame("data: {}\n\n", Duration.ofMillis(1500))),
                false));
        backup.streamText(List.of("fast"), new FakeUsage(1, 1));
        RequestContext context = RequestContext.start();
        RouteTrace trace = context.trace();
        try (ChatStream stream = gateway.call(context).chatStream(ask())) {
            assertEquals("fast", text(stream));
        }
        assertEquals("backup", trace.deployment().id());
    }

    @Test
    void aSlowDripAfterTheFirstChunkEndsWithATimeoutForTheCaller() {
        primary.streamSlowly(20, 200); // 4 s of chunks against a 1 s total timeout
        RequestContext context = RequestContext.start();
        RouteTrace trace = context.trace();
        try (ChatStream stream = gateway.call(context).chatStream(ask())) {
            GatewayException cut = assertThrows(GatewayException.class, () -> text(stream));
            assertInstanceOf(GatewayException.UpstreamTimeout.class, cut);
        }
        assertEquals(1, trace.attempts());
        assertEquals(0, backup.requests().size());
    }

    @Test
    void aBadRequestGoesBackToTheCallerWithoutATry() {
        primary.replyError(ErrorKind.BAD_REQUEST);
        GatewayException refused = assertThrows(GatewayException.class, () -> gateway.chat(ask()));
        assertEquals(400, refused.status());
        assertEquals(0, backup.requests().size());
    }

    @Test
    void aContextLengthErrorIsNotRetriedOnTheSameModel() {
        primary.replyError(ErrorKind.CONTEXT_LENGTH);
        GatewayException refused = assertThrows(GatewayException.class, () -> gateway.chat(ask()));
        assertEquals("context_length_exceeded", refused.code());
        assertEquals(0, backup.requests().size());
    }

    @Test
    void aRefusedProviderKeyTakesTheDeploymentOutAndTheBackupServes() {
        primary.replyError(ErrorKind.AUTHENTICATION);
        answeredByBackup();
        assertEquals("cooling_down", gateway.deploymentStatus().getFirst().state());
    }

    @Test
    void whenBothFailTheCallerGetsTheLastErrorAfterTheConfiguredAttempts() {
        primary.replyError(ErrorKind.SERVER_ERROR);
        backup.replyError(ErrorKind.SERVER_ERROR);
        primary.replyError(ErrorKind.SERVER_ERROR);
        GatewayException failed = assertThrows(GatewayException.class, () -> gateway.chat(ask()));
        assertEquals(500, failed.status());
        assertEquals(3, primary.requests().size() + backup.requests().size()); // 1 + 2 retries
    }

    private static String text(ChatStream stream) {
        StringBuilder text = new StringBuilder();
        while (stream.hasNext()) {
            ChatChunk chunk = stream.next();
            if (!chunk.choices().isEmpty() && chunk.choices().getFirst().delta().content() != null) {
                text.append(chunk.choices().getFirst().delta().content());
            }
        }
        return text.toString();
    }
}
