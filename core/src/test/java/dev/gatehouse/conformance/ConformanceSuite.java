package dev.gatehouse.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.provider.Upstream;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scenarios every provider must pass against its testkit fake (TensorZero's idea: one
 * suite, every adapter). A provider's test class extends this and says which fake and
 * provider id to use. A scenario the provider can not serve is listed in
 * {@link #unsupported()}; the suite then asserts a clear 400 instead.
 */
public abstract class ConformanceSuite {

    /** Scenario names a provider may declare unsupported. */
    protected static final String IMAGE_INPUT = "image input";
    protected static final String JSON_SCHEMA = "json schema output";
    protected static final String PARALLEL_TOOLS = "parallel tool calls";
    /** No tools at all (a text-generation format): every tool scenario then expects a clear 400. */
    protected static final String TOOLS = "tools";

    /** A 1×1 transparent PNG. */
    protected static final String PNG_DATA_URL = "data:image/png;base64,"
            + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    private static final FakeUsage USAGE = new FakeUsage(12, 3);
    private static final Tool WEATHER = new Tool("get_weather", "Current weather in a city",
            parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"), null);
    private static final Tool TIME = new Tool("get_time", "Current time in a city",
            parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"), null);

    protected ScriptableFake fake;
    protected ChatProvider provider;
    protected Deployment deployment;
    /** The deployment and the transport every call of the test goes through. */
    protected Upstream upstream;

    /** A new fake of the provider under test. */
    protected abstract ScriptableFake newFake();

    /** The provider id in {@link Providers}. */
    protected abstract String providerId();

    /** The upstream model name used in requests. */
    protected String upstreamModel() {
        return "test-model";
    }

    /** The deployment's provider-specific settings (a region, further credentials); none by default. */
    protected Deployment.Builder configure(Deployment.Builder deployment) {
        return deployment;
    }

    /** Provider-specific deployment options (a cloud project, a region, a token endpoint). */
    protected java.util.Map<String, String> deploymentOptions() {
        return java.util.Map.of();
    }

    /** Scenarios this provider declares it can not do. */
    protected Set<String> unsupported() {
        return Set.of();
    }

    @BeforeEach
    void startFake() {
        fake = newFake();
        provider = Providers.create(providerId());
        deployment = configure(Deployment.builder("conformance", providerId())
                .upstreamModel(upstreamModel())
                .baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey()))
                .timeout(Duration.ofSeconds(10))
                .options(deploymentOptions()))
                .build();
        upstream = new Upstream(deployment, new JdkHttpTransport(Duration.ofSeconds(5)));
    }

    @AfterEach
    void closeFake() throws Exception {
        if (fake instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private ChatRequest.Builder request(Message... messages) {
        return ChatRequest.builder(upstreamModel()).messages(List.of(messages));
    }

    @Test
    void simpleChat() {
        fake.replyText("Hello there", USAGE);
        ChatResponse response = provider.chat(request(Message.User.of("Hi")).build(), upstream);
        fake.assertNoViolations();
        assertEquals(1, response.choices().size());
        ChatResponse.Choice choice = response.choices().getFirst();
        assertEquals(0, choice.index());
        assertEquals("Hello there", choice.message().content());
        assertTrue(choice.message().toolCalls().isEmpty());
        assertEquals(FinishReason.STOP, choice.finishReason());
        assertNotNull(response.usage(), "usage");
        assertEquals(12, response.usage().promptTokens());
        assertEquals(3, response.usage().completionTokens());
        assertFalse(response.id().isBlank(), "response id");
    }

    /**
     * The caller's end-user id never changes an answer (OpenAI reads it for abuse monitoring only:
     * https://platform.openai.com/docs/api-reference/chat/create#chat-create-user), so whatever
     * {@code drop_params} says it either reaches an upstream that has a field for it or is left out
     * and named, never refused.
     */
    @Test
    void endUserIdIsSentOrNamedAsDropped() {
        fake.replyText("Hello there", USAGE);
        CheckedChat checked = provider.checkFields(request(Message.User.of("Hi")).user("end-user-4711").build(), deployment);
        ChatResponse response = provider.chat(checked.request(), upstream);
        fake.assertNoViolations();
        assertEquals("Hello there", response.choices().getFirst().message().content());
        boolean sent = fake.requests().getLast().bodyText().contains("end-user-4711");
        assertEquals(sent ? List.of() : List.of("user"), checked.dropped(), "sent upstream: " + sent);
    }

    @Test
    void systemPrompt() {
        fake.replyText("Ok.", USAGE);
        provider.chat(request(new Message.System("Answer in one word.", null), Message.User.of("Hi")).build(), upstream);
        fake.assertNoViolations();
        assertTrue(fake.requests().getLast().bodyText().contains("Answer in one word."), "system text sent upstream");
    }

    @Test
    void developerMessageCountsAsSystem() {
        fake.replyText("Ok.", USAGE);
        provider.chat(request(new Message.Developer("Be brief.", null), Message.User.of("Hi")).build(), upstream);
        fake.assertNoViolations();
        assertTrue(fake.requests().getLast().bodyText().contains("Be brief."), "developer text sent upstream");
    }

    @Test
    void multiTurn() {
        fake.replyText("Paris.", USAGE);
        ChatResponse response = provider.chat(request(
                Message.User.of("Name a city."),
                Message.Assistant.of("Which country?"),
                Message.User.of("France.")).build(), upstream);
        fake.assertNoViolations();
        assertEquals("Paris.", response.choices().getFirst().message().content());
        String body = fake.requests().getLast().bodyText();
        assertTrue(body.contains("Which country?") && body.contains("France."), "all turns sent upstream");
    }

    @Test
    void imageInput() {
        ChatRequest request = request(new Message.User(List.of(
                new ContentPart.Text("What is in this image?"),
                new ContentPart.Image(PNG_DATA_URL, null)), null)).build();
        if (unsupported().contains(IMAGE_INPUT)) {
            assertClearBadRequest(() -> provider.chat(request, upstream));
            return;
        }
        fake.replyText("A transparent pixel.", USAGE);
        provider.chat(request, upstream);
        fake.assertNoViolations();
        assertTrue(fake.requests().getLast().bodyText().contains("iVBORw0KGgo"), "image data sent upstream");
    }

    @Test
    void singleToolCall() {
        if (unsupported().contains(TOOLS)) {
            assertClearBadRequest(() -> provider.chat(request(Message.User.of("Weather in Paris?"))
                    .tools(List.of(WEATHER)).toolChoice(new ToolChoice.Auto()).build(), upstream));
            return;
        }
        fake.replyToolCalls(List.of(new FakeToolCall("get_weather", "{\"city\":\"Paris\"}")), USAGE);
        ChatResponse response = provider.chat(request(Message.User.of("Weather in Paris?"))
                .tools(List.of(WEATHER)).toolChoice(new ToolChoice.Auto()).build(), upstream);
        fake.assertNoViolations();
        ChatResponse.Choice choice = response.choices().getFirst();
        assertEquals(FinishReason.TOOL_CALLS, choice.finishReason());
        assertEquals(1, choice.message().toolCalls().size());
        ToolCall call = choice.message().toolCalls().getFirst();
        assertEquals("get_weather", call.name());
        assertFalse(call.id().isBlank(), "tool call id");
        assertEquals(parse("{\"city\":\"Paris\"}"), parse(call.arguments()));
    }

    @Test
    void forcedToolChoice() {
        if (unsupported().contains(TOOLS)) {
            assertClearBadRequest(() -> provider.chat(request(Message.User.of("Time in Oslo?"))
                    .tools(List.of(WEATHER, TIME)).toolChoice(new ToolChoice.Function("get_time")).build(), upstream));
            return;
        }
        fake.replyToolCalls(List.of(new FakeToolCall("get_time", "{\"city\":\"Oslo\"}")), USAGE);
        ChatResponse response = provider.chat(request(Message.User.of("Time in Oslo?"))
                .tools(List.of(WEATHER, TIME)).toolChoice(new ToolChoice.Function("get_time")).build(), upstream);
        fake.assertNoViolations();
        assertEquals("get_time", response.choices().getFirst().message().toolCalls().getFirst().name());
    }

    @Test
    void parallelToolCalls() {
        ChatRequest request = request(Message.User.of("Weather and time in Oslo?"))
                .tools(List.of(WEATHER, TIME)).build();
        if (unsupported().contains(PARALLEL_TOOLS) || unsupported().contains(TOOLS)) {
            assertClearBadRequest(() -> provider.chat(request, upstream));
            return;
        }
        fake.replyToolCalls(List.of(
                new FakeToolCall("get_weather", "{\"city\":\"Oslo\"}"),
                new FakeToolCall("get_time", "{\"city\":\"Oslo\"}")), USAGE);
        ChatResponse response = provider.chat(request, upstream);
        fake.assertNoViolations();
        List<ToolCall> calls = response.choices().getFirst().message().toolCalls();
        assertEquals(List.of("get_weather", "get_time"), calls.stream().map(ToolCall::name).toList());
        assertNotEquals(calls.get(0).id(), calls.get(1).id(), "distinct tool call ids");
    }

    @Test
    void toolResultRoundTrip() {
        ChatRequest request = request(
                Message.User.of("Weather in Paris?"),
                new Message.Assistant(null, List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")),
                        null, null, null),
                new Message.Tool("call_1", "{\"temp\":18}"))
                .tools(List.of(WEATHER)).build();
        if (unsupported().contains(TOOLS)) {
            assertClearBadRequest(() -> provider.chat(request, upstream));
            return;
        }
        fake.replyText("It is 18 degrees in Paris.", USAGE);
        ChatResponse response = provider.chat(request, upstream);
        fake.assertNoViolations();
        assertEquals("It is 18 degrees in Paris.", response.choices().getFirst().message().content());
        assertTrue(fake.requests().getLast().bodyText().contains("18"), "tool result sent upstream");
    }

    @Test
    void jsonSchemaOutput() {
        ChatRequest request = request(Message.User.of("What is six times seven?"))
                .responseFormat(new ResponseFormat.JsonSchema("answer", null,
                        parse("{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"integer\"}},"
                                + "\"required\":[\"answer\"],\"additionalProperties\":false}"), true))
                .build();
        if (unsupported().contains(JSON_SCHEMA)) {
            assertClearBadRequest(() -> provider.chat(request, upstream));
            return;
        }
        fake.replyText("{\"answer\":42}", USAGE);
        ChatResponse response = provider.chat(request, upstream);
        fake.assertNoViolations();
        assertEquals(parse("{\"answer\":42}"), parse(response.choices().getFirst().message().content()));
    }

    @Test
    void streamingText() {
        fake.streamText(List.of("Hel", "lo", " there"), USAGE);
        List<ChatChunk> chunks = collect(provider.stream(request(Message.User.of("Hi"))
                .stream(true).includeUsage(true).build(), upstream));
        fake.assertNoViolations();
        assertEquals("assistant", chunks.getFirst().choices().getFirst().delta().role(), "role on the first delta");
        assertEquals("Hello there", text(chunks));
        assertEquals(FinishReason.STOP, lastFinishReason(chunks));
        ChatChunk last = chunks.getLast();
        assertTrue(last.choices().isEmpty(), "the usage chunk has no choices");
        assertNotNull(last.usage(), "usage in the last chunk");
        assertEquals(12, last.usage().promptTokens());
        assertEquals(3, last.usage().completionTokens());
        String id = chunks.getFirst().id();
        assertTrue(chunks.stream().allMatch(c -> c.id().equals(id)), "one id on every chunk");
    }

    @Test
    void streamingWithoutUsageOption() {
        fake.streamText(List.of("Hi"), USAGE);
        List<ChatChunk> chunks = collect(provider.stream(request(Message.User.of("Hi")).stream(true).build(), upstream));
        fake.assertNoViolations();
        assertEquals("Hi", text(chunks));
        assertTrue(chunks.stream().allMatch(c -> c.usage() == null), "no usage unless asked for");
        assertTrue(chunks.stream().allMatch(c -> !c.choices().isEmpty()), "no empty-choices chunk unless asked for usage");
    }

    @Test
    void streamingToolCalls() {
        if (unsupported().contains(TOOLS)) {
            assertClearBadRequest(() -> provider.stream(request(Message.User.of("Weather and time in Paris?"))
                    .tools(List.of(WEATHER, TIME)).stream(true).includeUsage(true).build(), upstream));
            return;
        }
        fake.streamToolCalls(List.of(
                new FakeToolCall("get_weather", "{\"city\":\"Paris\"}"),
                new FakeToolCall("get_time", "{\"city\":\"Paris\"}")), USAGE);
        List<ChatChunk> chunks = collect(provider.stream(request(Message.User.of("Weather and time in Paris?"))
                .tools(List.of(WEATHER, TIME)).stream(true).includeUsage(true).build(), upstream));
        fake.assertNoViolations();
        List<ToolCall> calls = reassembleToolCalls(chunks);
        assertEquals(List.of("get_weather", "get_time"), calls.stream().map(ToolCall::name).toList());
        assertEquals(parse("{\"city\":\"Paris\"}"), parse(calls.get(0).arguments()));
        assertEquals(parse("{\"city\":\"Paris\"}"), parse(calls.get(1).arguments()));
        assertNotEquals(calls.get(0).id(), calls.get(1).id());
        assertEquals(FinishReason.TOOL_CALLS, lastFinishReason(chunks));
        assertNotNull(chunks.getLast().usage(), "usage in the last chunk");
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void errorsKeepTheirKind(ErrorKind kind) {
        fake.replyError(kind);
        GatewayException error = assertThrows(GatewayException.class,
                () -> provider.chat(request(Message.User.of("Hi")).build(), upstream));
        switch (kind) {
            case BAD_REQUEST -> assertInstanceOf(GatewayException.BadRequest.class, error);
            case AUTHENTICATION -> assertInstanceOf(GatewayException.Authentication.class, error);
            case PERMISSION -> assertInstanceOf(GatewayException.PermissionDenied.class, error);
            case NOT_FOUND -> assertInstanceOf(GatewayException.NotFound.class, error);
            case RATE_LIMITED -> {
                GatewayException.RateLimited limited = assertInstanceOf(GatewayException.RateLimited.class, error);
                assertEquals(Duration.ofSeconds(7), limited.retryAfter().orElseThrow(), "retry hint");
                assertTrue(limited.retryable());
            }
            case CONTEXT_LENGTH -> assertInstanceOf(GatewayException.ContextLengthExceeded.class, error);
            case SERVER_ERROR -> {
                assertInstanceOf(GatewayException.UpstreamServerError.class, error);
                assertEquals(500, error.status());
            }
            case OVERLOADED -> {
                assertInstanceOf(GatewayException.UpstreamServerError.class, error);
                assertEquals(503, error.status());
                assertTrue(error.retryable());
            }
        }
        assertFalse(error.getMessage().contains(fake.apiKey()), "no credential in the message");
        error.upstreamBody().ifPresent(body -> assertFalse(body.contains(fake.apiKey()), "no credential in the body"));
    }

    @Test
    void errorInsideAStream() {
        fake.streamTextThenError(List.of("Hel"));
        ChatStream stream = provider.stream(request(Message.User.of("Hi")).stream(true).build(), upstream);
        List<ChatChunk> received = new ArrayList<>();
        GatewayException error = assertThrows(GatewayException.class, () -> {
            try (stream) {
                while (stream.hasNext()) {
                    received.add(stream.next());
                }
            }
        });
        assertEquals("Hel", text(received), "what came before the error is delivered");
        assertTrue(error.retryable() || error instanceof GatewayException.RateLimited, "an upstream failure: " + error);
    }

    @Test
    void connectionDropMidStream() {
        fake.streamTextThenDrop(List.of("Hel"));
        ChatStream stream = provider.stream(request(Message.User.of("Hi")).stream(true).build(), upstream);
        List<ChatChunk> received = new ArrayList<>();
        GatewayException error = assertThrows(GatewayException.class, () -> {
            try (stream) {
                while (stream.hasNext()) {
                    received.add(stream.next());
                }
            }
        });
        // The JDK client drops data it had buffered but not yet handed over when the connection
        // breaks, so only a prefix of what was sent is certain to arrive.
        assertTrue("Hel".startsWith(text(received)), "only what was sent arrives: " + text(received));
        assertTrue(error instanceof GatewayException.TransportFailure
                || error instanceof GatewayException.UpstreamServerError, "a broken stream: " + error);
    }

    @Test
    void callerCancelClosesTheUpstream() throws InterruptedException {
        fake.streamSlowly(200, 20);
        try (ChatStream stream = provider.stream(request(Message.User.of("Count slowly.")).stream(true).build(), upstream)) {
            stream.next();
            stream.next();
        }
        // The fake notices at its next write that the connection is gone; wait for that, bounded.
        for (int i = 0; i < 250 && fake.abandonedStreams() == 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(1, fake.abandonedStreams(), "closing the stream closed the upstream connection");
    }

    // ---- helpers ----

    protected static JsonNode parse(String json) {
        return Json.parseUpstream(json, "test");
    }

    private static void assertClearBadRequest(org.junit.jupiter.api.function.Executable call) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, call);
        assertFalse(error.getMessage().isBlank());
    }

    protected static List<ChatChunk> collect(ChatStream stream) {
        List<ChatChunk> chunks = new ArrayList<>();
        try (stream) {
            while (stream.hasNext()) {
                chunks.add(stream.next());
            }
        }
        assertFalse(chunks.isEmpty(), "the stream had chunks");
        return chunks;
    }

    protected static String text(List<ChatChunk> chunks) {
        StringBuilder text = new StringBuilder();
        for (ChatChunk chunk : chunks) {
            for (ChatChunk.Choice choice : chunk.choices()) {
                if (choice.delta().content() != null) {
                    text.append(choice.delta().content());
                }
            }
        }
        return text.toString();
    }

    protected static FinishReason lastFinishReason(List<ChatChunk> chunks) {
        FinishReason reason = null;
        int withReason = 0;
        for (ChatChunk chunk : chunks) {
            for (ChatChunk.Choice choice : chunk.choices()) {
                if (choice.finishReason() != null) {
                    reason = choice.finishReason();
                    withReason++;
                }
            }
        }
        assertEquals(1, withReason, "exactly one chunk carries the finish reason");
        return reason;
    }

    /** Reassembles streamed tool calls by index, as an OpenAI client does. */
    protected static List<ToolCall> reassembleToolCalls(List<ChatChunk> chunks) {
        List<String[]> calls = new ArrayList<>(); // id, name, arguments
        for (ChatChunk chunk : chunks) {
            for (ChatChunk.Choice choice : chunk.choices()) {
                for (ChatChunk.ToolCallDelta delta : choice.delta().toolCalls()) {
                    while (calls.size() <= delta.index()) {
                        calls.add(new String[] {null, null, ""});
                    }
                    String[] call = calls.get(delta.index());
                    if (delta.id() != null) {
                        assertNull(call[0], "a tool call id is sent once");
                        call[0] = delta.id();
                    }
                    if (delta.name() != null) {
                        call[1] = delta.name();
                    }
                    if (delta.arguments() != null) {
                        call[2] += delta.arguments();
                    }
                }
            }
        }
        return calls.stream().map(c -> new ToolCall(c[0], c[1], c[2])).toList();
    }
}
