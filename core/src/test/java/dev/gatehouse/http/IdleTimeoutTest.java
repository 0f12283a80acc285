package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment's idle timeout: once a stream has started, a pause between chunks longer than it
 * ends the stream, while the wait for the first chunk is the first-byte timeout's alone.
 */
class IdleTimeoutTest {

    private final FakeOpenAi upstream = new FakeOpenAi();

    @AfterEach
    void stop() {
        upstream.assertNoViolations();
        upstream.close();
    }

    private static Reply.Frame chunk(String text, long delayMillis) {
        return new Reply.Frame("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
                + "\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}"
                + "\n\n", Duration.ofMillis(delayMillis));
    }

    /** A stream that thinks for 800 ms before its first chunk, then pauses 900 ms before its third. */
    private void slowStartThenAPause() {
        upstream.enqueue(new Reply.Stream(200, Map.of("content-type", "text/event-stream"), List.of(
                chunk("one", 800), chunk("two", 50), chunk("three", 900),
                new Reply.Frame("data: [DONE]\n\n", Duration.ZERO)), false));
    }

    private Gateway gateway(Duration idle) {
        return Gateway.builder()
                .transport(new JdkHttpTransport(Duration.ofSeconds(2)))
                .deployment(Deployment.builder("chat", "openai").upstreamModel("gpt-4o").baseUrl(upstream.baseUrl())
                        .apiKey(Secret.of(upstream.apiKey())).timeout(Duration.ofSeconds(3))
                        .totalTimeout(Duration.ofSeconds(10)).idleTimeout(idle).build())
                .routing(RoutingSettings.DEFAULTS.withRetries(0))
                .build();
    }

    private static List<String> read(ChatStream stream, List<String> into) {
        while (stream.hasNext()) {
            ChatChunk chunk = stream.next();
            if (!chunk.choices().isEmpty() && chunk.choices().getFirst().delta().content() != null) {
                into.add(chunk.choices().getFirst().delta().content());
            }
        }
        return into;
    }

    @Test
    void aPauseLongerThanTheIdleTimeoutEndsAStreamThatHadStarted() {
        slowStartThenAPause();
        List<String> received = new ArrayList<>();
        try (ChatStream stream = gateway(Duration.ofMillis(300)).chatStream(
                ChatRequest.of("chat", List.of(Message.User.of("Hi"))))) {
            GatewayException timedOut = assertThrows(GatewayException.class, () -> read(stream, received));
            assertTrue(timedOut instanceof GatewayException.UpstreamTimeout, timedOut.toString());
            assertTrue(timedOut.getMessage().contains("idle timeout"), timedOut.getMessage());
        }
        assertEquals(List.of("one", "two"), received, "the 800 ms before the first chunk were not a pause");
    }

    @Test
    void withoutAnIdleTimeoutTheFirstByteTimeoutBoundsEveryPause() {
        slowStartThenAPause();
        try (ChatStream stream = gateway(null).chatStream(ChatRequest.of("chat", List.of(Message.User.of("Hi"))))) {
            assertEquals(List.of("one", "two", "three"), read(stream, new ArrayList<>()));
        }
    }
}
