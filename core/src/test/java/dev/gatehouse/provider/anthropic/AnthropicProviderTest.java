package dev.gatehouse.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.provider.Upstream;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider over HTTP, against the strict fake: what goes on the wire, and what comes back. */
class AnthropicProviderTest {

    private final FakeAnthropic fake = new FakeAnthropic();
    private final JdkHttpTransport transport = new JdkHttpTransport(Duration.ofSeconds(5));
    private final AnthropicProvider provider = new AnthropicProvider();
    private final Deployment deployment = Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
            .baseUrl(fake.baseUrl()).apiKey(Secret.of(fake.apiKey())).timeout(Duration.ofSeconds(10)).build();
    private final ChatRequest hello = ChatRequest.builder("claude-sonnet-4-5").messages(List.of(Message.User.of("Hi"))).build();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void isRegistered() {
        assertTrue(Providers.isKnown("anthropic"));
        assertInstanceOf(AnthropicProvider.class, Providers.create("anthropic"));
    }

    @Test
    void chatSendsTheMessagesRequestWithItsHeaders() {
        fake.replyText("Hello!", new FakeUsage(12, 6));
        ChatResponse response = provider.chat(hello, new Upstream(deployment, transport));
        fake.assertNoViolations();
        RecordedRequest request = fake.lastRequest();
        assertEquals("POST", request.method());
        assertEquals("/v1/messages", request.path());
        assertEquals(fake.apiKey(), request.header("x-api-key").orElseThrow());
        assertEquals("2023-06-01", request.header("anthropic-version").orElseThrow());
        assertEquals("application/json", request.header("content-type").orElseThrow());
        assertFalse(request.json().has("stream"), "a plain chat does not stream");
        assertEquals("Hello!", response.choices().getFirst().message().content());
        assertEquals(FakeAnthropic.MODEL, response.model());
    }

    @Test
    void streamAsksForAStream() {
        fake.streamText(List.of("Hel", "lo"), new FakeUsage(12, 3));
        List<ChatChunk> chunks = new ArrayList<>();
        try (ChatStream stream = provider.stream(hello.toBuilder().stream(true).build(), new Upstream(deployment, transport))) {
            stream.forEachRemaining(chunks::add);
            assertFalse(stream.hasNext());
            assertThrows(NoSuchElementException.class, stream::next);
        }
        fake.assertNoViolations();
        JsonNode body = fake.lastRequest().json();
        assertTrue(body.get("stream").asBoolean());
        assertEquals("Hello", chunks.stream().flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content()).filter(java.util.Objects::nonNull).reduce("", String::concat));
    }

    @Test
    void aRefusedStreamThrowsBeforeAnyChunk() {
        fake.replyError(ErrorKind.RATE_LIMITED);
        GatewayException.RateLimited error = assertThrows(GatewayException.RateLimited.class,
                () -> provider.stream(hello.toBuilder().stream(true).build(), new Upstream(deployment, transport)));
        assertEquals(Duration.ofSeconds(7), error.retryAfter().orElseThrow());
    }

    @Test
    void aWrongKeyIsAnAuthenticationErrorWithoutTheKey() {
        Deployment wrongKey = Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
                .baseUrl(fake.baseUrl()).apiKey(Secret.of("sk-ant-api03-wrongwrongwrongwrongwrong")).build();
        GatewayException error = assertThrows(GatewayException.Authentication.class, () -> provider.chat(hello, new Upstream(wrongKey, transport)));
        assertFalse(error.getMessage().contains("wrongwrong"));
        assertEquals(1, fake.violations().size(), "the fake saw the bad key");
    }

    @Test
    void theEndpointKeepsABasePath() {
        assertEquals(URI.create("https://api.anthropic.com/v1/messages"),
                AnthropicProvider.endpoint(Deployment.builder("c", "anthropic").build()));
        assertEquals(URI.create("https://proxy.internal/anthropic/v1/messages"), AnthropicProvider.endpoint(
                Deployment.builder("c", "anthropic").baseUrl("https://proxy.internal/anthropic/").build()));
    }

    /** https://platform.claude.com/docs/en/api/messages/count_tokens: the conversation only, no generation settings. */
    @Test
    void countsInputTokensWithAnthropicsEndpoint() {
        fake.replyTokenCount(17);
        ChatRequest request = hello.toBuilder().maxTokens(50).temperature(0.2).stop(List.of("x")).user("u1").build();
        assertEquals(17, provider.countInputTokens(request, new Upstream(deployment, transport)));
        fake.assertNoViolations();
        RecordedRequest sent = fake.lastRequest();
        assertEquals("/v1/messages/count_tokens", sent.pathOnly());
        JsonNode body = sent.json();
        assertEquals("claude-sonnet-4-5", body.path("model").asText());
        assertFalse(body.has("max_tokens") || body.has("temperature") || body.has("stop_sequences")
                || body.has("metadata"), body.toString());
    }

    @Test
    void countTokensFailuresAreAnthropicsErrors() {
        fake.replyError(ErrorKind.NOT_FOUND);
        assertInstanceOf(GatewayException.NotFound.class,
                assertThrows(GatewayException.class, () -> provider.countInputTokens(hello, new Upstream(deployment, transport))));
    }

    @Test
    void thinkingPassesAsAnthropicsOwnParameter() {
        fake.replyText("ok", new FakeUsage(1, 1));
        JsonNode thinking = dev.gatehouse.json.Json.object().put("type", "enabled").put("budget_tokens", 1024);
        provider.chat(hello.toBuilder().maxTokens(2048).extension("thinking", thinking).build(), new Upstream(deployment, transport));
        fake.assertNoViolations();
        assertEquals(thinking, fake.lastRequest().json().get("thinking"));
    }
}
