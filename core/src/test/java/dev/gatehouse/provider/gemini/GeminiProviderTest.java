package dev.gatehouse.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Upstream;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.secret.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP side: endpoint, credential placement, model-name safety, stream closing, errors. */
class GeminiProviderTest {

    static final String KEY = "AIzaTESTONLY-deployment-key-000000000000";
    static final Deployment DEPLOYMENT = Deployment.builder("chat", "gemini").upstreamModel("gemini-2.5-flash")
            .apiKey(Secret.of(KEY)).build();
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_764_000_000L), ZoneOffset.UTC);

    /** A transport that records requests and answers from a script, tracking whether bodies were closed. */
    static final class ScriptedTransport implements Transport {
        final List<UpstreamRequest> sent = new ArrayList<>();
        final List<TrackedBody> bodies = new ArrayList<>();
        private final int status;
        private final String body;

        ScriptedTransport(int status, String body) {
            this.status = status;
            this.body = body;
        }

        @Override
        public UpstreamResponse send(UpstreamRequest request) {
            sent.add(request);
            TrackedBody tracked = new TrackedBody(body);
            bodies.add(tracked);
            return new UpstreamResponse(status, Map.of("content-type", List.of("application/json")), tracked);
        }
    }

    static final class TrackedBody extends ByteArrayInputStream {
        boolean closed;

        TrackedBody(String text) {
            super(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static ChatRequest hi(String model) {
        return ChatRequest.of(model, List.of(Message.User.of("Hi")));
    }

    static final String ANSWER = """
            {"candidates":[{"content":{"parts":[{"text":"Hello"}],"role":"model"},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":1,"candidatesTokenCount":1,"totalTokenCount":2},"responseId":"x"}""";

    @Test
    void theKeyTravelsOnlyInTheHeader() {
        ScriptedTransport transport = new ScriptedTransport(200, ANSWER);
        ChatResponse response = new GeminiProvider(CLOCK).chat(hi("gemini-2.5-flash"), new Upstream(DEPLOYMENT, transport));
        assertEquals("Hello", response.choices().getFirst().message().content());
        assertEquals(1_764_000_000L, response.created());

        UpstreamRequest sent = transport.sent.getFirst();
        assertEquals("POST", sent.method());
        assertEquals("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
                sent.uri().toString());
        assertEquals(KEY, sent.headers().get("x-goog-api-key"));
        assertFalse(sent.uri().toString().contains(KEY), "no key in the URL");
        assertTrue(sent.uri().getRawQuery() == null, "no query at all on :generateContent");
        assertFalse(sent.toString().contains(KEY), "a printed request shows no key");
        assertTrue(transport.bodies.getFirst().closed);
    }

    @Test
    void streamingUsesAltSseAndClosingTheStreamClosesTheUpstream() {
        ScriptedTransport transport = new ScriptedTransport(200, GeminiStreamDecoderTest.TEXT_STREAM);
        Deployment custom = Deployment.builder("chat", "gemini").upstreamModel("gemini-2.5-flash")
                .baseUrl("https://gemini.internal.example/proxy/").apiKey(Secret.of(KEY)).build();
        ChatStream stream = new GeminiProvider(CLOCK).stream(hi("gemini-2.5-flash"), new Upstream(custom, transport));
        assertEquals("It is", stream.next().choices().getFirst().delta().content());
        stream.close();
        assertTrue(transport.bodies.getFirst().closed, "closing the stream closed the upstream body");
        assertFalse(stream.hasNext());
        UpstreamRequest sent = transport.sent.getFirst();
        assertEquals("https://gemini.internal.example/proxy/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                sent.uri().toString());
        assertFalse(sent.uri().toString().contains(KEY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../v1beta/files", "models/gemini-2.5-flash", "gemini?key=x", "gemini#frag",
            "gemini-2.5-flash:generateContent", "a..b", "gemini 2.5", "gemini%2F..", ""})
    void modelNamesThatCouldLeaveThePathAreRefused(String model) {
        ScriptedTransport transport = new ScriptedTransport(200, ANSWER);
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> new GeminiProvider().chat(hi(model), new Upstream(DEPLOYMENT, transport)));
        assertEquals("model", error.param());
        assertThrows(GatewayException.BadRequest.class, () -> new GeminiProvider().stream(hi(model), new Upstream(DEPLOYMENT, transport)));
        assertTrue(transport.sent.isEmpty(), "nothing was sent");
    }

    @Test
    void upstreamErrorsAreMappedAndTheResponseClosed() {
        ScriptedTransport transport = new ScriptedTransport(429, """
                {"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED",
                 "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}}""");
        GeminiProvider provider = new GeminiProvider();
        assertInstanceOf(GatewayException.RateLimited.class,
                assertThrows(GatewayException.class, () -> provider.chat(hi("gemini-2.5-flash"), new Upstream(DEPLOYMENT, transport))));
        assertInstanceOf(GatewayException.RateLimited.class,
                assertThrows(GatewayException.class, () -> provider.stream(hi("gemini-2.5-flash"), new Upstream(DEPLOYMENT, transport))));
        assertTrue(transport.bodies.stream().allMatch(b -> b.closed));
    }

    @Test
    void registeredAsGemini() {
        assertTrue(Providers.isKnown("gemini"));
        assertInstanceOf(GeminiProvider.class, Providers.create("gemini"));
    }
}
