package dev.gatehouse.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Upstream;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.bedrock.EventStreamFrames;
import dev.gatehouse.testkit.bedrock.FakeBedrock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Bedrock provider against the fake: authentication variants and a stream's failures. */
class BedrockProviderTest {

    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEFakeSessionToken//////////wEaDExample==";

    private FakeBedrock fake = new FakeBedrock();
    private final JdkHttpTransport transport = new JdkHttpTransport(Duration.ofSeconds(5));
    private final BedrockProvider provider = new BedrockProvider();

    @AfterEach
    void close() {
        fake.close();
    }

    private Deployment.Builder signed() {
        return Deployment.builder("claude", "bedrock").upstreamModel(MODEL).baseUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .options(Map.of("region", FakeBedrock.REGION))
                .credential("aws_access_key_id", Secret.of(FakeBedrock.ACCESS_KEY_ID))
                .credential("aws_secret_access_key", Secret.of(fake.apiKey()));
    }

    private static ChatRequest hi() {
        return ChatRequest.of(MODEL, List.of(Message.User.of("Hi")));
    }

    @Test
    void signsWithTemporaryCredentials() {
        fake.close();
        fake = new FakeBedrock(SESSION_TOKEN);
        fake.replyText("Hello", new FakeUsage(3, 1));
        provider.chat(hi(), new Upstream(signed().credential("aws_session_token", Secret.of(SESSION_TOKEN)).build(), transport));
        fake.assertNoViolations();
        assertEquals(SESSION_TOKEN, fake.lastRequest().header("x-amz-security-token").orElseThrow());
        assertTrue(fake.lastRequest().header("authorization").orElseThrow().contains("/us-west-2/bedrock/aws4_request"));
        assertEquals("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", fake.lastRequest().pathOnly());
    }

    @Test
    void aWrongSecretIsRefusedByTheSignatureCheck() {
        Deployment wrong = signed().credential("aws_secret_access_key", Secret.of("not-the-secret-key-at-all")).build();
        assertInstanceOf(GatewayException.Authentication.class,
                assertThrows(GatewayException.class, () -> provider.chat(hi(), new Upstream(wrong, transport))));
        assertTrue(fake.violations().getFirst().contains("signature we calculated does not match"));
    }

    @Test
    void aBedrockApiKeyIsSentAsBearer() {
        fake.replyText("Hello", new FakeUsage(3, 1));
        Deployment apiKey = Deployment.builder("claude", "bedrock").upstreamModel(MODEL).baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).build();
        assertEquals("Hello", provider.chat(hi(), new Upstream(apiKey, transport)).choices().getFirst().message().content());
        fake.assertNoViolations();
        assertEquals("Bearer " + fake.apiKey(), fake.lastRequest().header("authorization").orElseThrow());
    }

    @Test
    void withoutCredentialsOrRegionTheDeploymentIsRefusedBeforeAnyCall() {
        Deployment none = Deployment.builder("claude", "bedrock").upstreamModel(MODEL).baseUrl(fake.baseUrl()).build();
        assertThrows(GatewayException.BadRequest.class, () -> provider.chat(hi(), new Upstream(none, transport)));
        Deployment noRegion = signed().options(Map.of()).build();
        assertThrows(GatewayException.BadRequest.class, () -> provider.chat(hi(), new Upstream(noRegion, transport)));
        assertTrue(fake.requests().isEmpty());
    }

    @Test
    void theDefaultHostComesFromTheRegion() {
        Deployment deployment = Deployment.builder("claude", "bedrock").upstreamModel(MODEL)
                .options(Map.of("region", "eu-central-1")).build();
        assertEquals(URI.create("https://bedrock-runtime.eu-central-1.amazonaws.com/model/"
                + "anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream"),
                BedrockProvider.endpoint(deployment, MODEL, "converse-stream"));
    }

    @Test
    void usageThatArrivesAfterTheStopIsCounted() {
        fake.streamText(List.of("Hel", "lo"), new FakeUsage(11, 2));
        List<ChatChunk> chunks = collect(provider.stream(hi().toBuilder().stream(true).includeUsage(true).build(),
                new Upstream(signed().build(), transport)));
        ChatChunk last = chunks.getLast();
        assertTrue(last.choices().isEmpty());
        assertEquals(11, last.usage().promptTokens());
        assertEquals(2, last.usage().completionTokens());
    }

    @Test
    void aCorruptedCrcMidStreamIsAClearErrorNotAHang() {
        byte[] corrupt = EventStreamFrames.flip(FakeBedrock.textDeltaFrame("lo"), 40);
        fake.streamTextThenRawBytes(List.of("Hel"), corrupt);
        List<ChatChunk> received = new ArrayList<>();
        GatewayException error = assertThrows(GatewayException.class, () -> drain(signed().build(), received));
        assertInstanceOf(GatewayException.UpstreamServerError.class, error);
        assertTrue(error.getMessage().contains("corrupt event stream"), error.getMessage());
        assertEquals("Hel", text(received), "what came before the corrupt frame is delivered");
    }

    @Test
    void aCorruptedPreludeMidStreamIsAClearError() {
        fake.streamTextThenRawBytes(List.of("Hel"), EventStreamFrames.flip(FakeBedrock.textDeltaFrame("lo"), 2));
        GatewayException error = assertThrows(GatewayException.class, () -> drain(signed().build(), new ArrayList<>()));
        assertTrue(error.getMessage().contains("prelude CRC"), error.getMessage());
    }

    @Test
    void aTruncatedFrameIsABrokenStream() {
        byte[] frame = FakeBedrock.textDeltaFrame("lo");
        fake.streamTextThenRawBytes(List.of("Hel"), Arrays.copyOf(frame, frame.length - 5));
        GatewayException error = assertThrows(GatewayException.class, () -> drain(signed().build(), new ArrayList<>()));
        assertInstanceOf(GatewayException.TransportFailure.class, error);
    }

    @Test
    void aStreamThatEndsBeforeMessageStopIsBroken() {
        fake.streamTextThenRawBytes(List.of("Hel"), FakeBedrock.textDeltaFrame("lo"));
        assertInstanceOf(GatewayException.TransportFailure.class,
                assertThrows(GatewayException.class, () -> drain(signed().build(), new ArrayList<>())));
    }

    @Test
    void aThrottlingExceptionInTheStreamIsARateLimit() {
        fake.enqueue(new Reply.Stream(200, Map.of("content-type", "application/vnd.amazon.eventstream"), List.of(
                Reply.Frame.of(EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}")),
                Reply.Frame.of(EventStreamFrames.exception("throttlingException",
                        "{\"message\":\"Too many tokens, please wait before trying again.\"}"))), false));
        GatewayException error = assertThrows(GatewayException.class, () -> drain(signed().build(), new ArrayList<>()));
        assertInstanceOf(GatewayException.RateLimited.class, error);
        assertFalse(error.getMessage().contains(fake.apiKey()));
    }

    private void drain(Deployment deployment, List<ChatChunk> into) {
        try (ChatStream stream = provider.stream(hi().toBuilder().stream(true).build(), new Upstream(deployment, transport))) {
            while (stream.hasNext()) {
                into.add(stream.next());
            }
        }
    }

    private static List<ChatChunk> collect(ChatStream stream) {
        List<ChatChunk> chunks = new ArrayList<>();
        try (stream) {
            while (stream.hasNext()) {
                chunks.add(stream.next());
            }
        }
        return chunks;
    }

    private static String text(List<ChatChunk> chunks) {
        StringBuilder out = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> out.append(ch.delta().content() == null ? "" : ch.delta().content())));
        return out.toString();
    }
}
