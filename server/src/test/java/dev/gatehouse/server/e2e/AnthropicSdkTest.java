package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Anthropic front door ({@code /v1/messages}) driven by the official Anthropic Java SDK, as
 * Anthropic's users drive it, with an Anthropic upstream behind it (on the native path,
 * {@code claude}, and through the canonical translation, {@code claude-translated}) and with an
 * OpenAI upstream ({@code gpt}): chat, streaming, tools and their round trip, token counting,
 * and errors as the SDK's own exception types.
 */
class AnthropicSdkTest {

    private static RunningGateway gateway;
    private static AnthropicClient client;

    @BeforeAll
    static void start() {
        gateway = new RunningGateway();
        // The origin, as ANTHROPIC_BASE_URL is given: the SDK adds /v1/messages.
        client = AnthropicOkHttpClient.builder().baseUrl(origin()).apiKey(gateway.apiKey).maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    private static String origin() {
        return "http://127.0.0.1:" + gateway.gatehouse.port();
    }

    private static ScriptableFake fake(String model) {
        return (ScriptableFake) gateway.fake(model);
    }

    private static MessageCreateParams.Builder ask(String model, String text) {
        return MessageCreateParams.builder().model(model).maxTokens(100).addUserMessage(text);
    }

    private static JsonNode upstreamBody(String model) {
        List<RecordedRequest> requests = fake(model).requests();
        return requests.getLast().json();
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("The weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string"))).build())
                        .required(List.of("city")).build())
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "claude-translated", "gpt"})
    void chat(String model) {
        fake(model).replyText("Hello from " + model, new FakeUsage(9, 4));
        Message message = client.messages().create(ask(model, "Hi").system("Be brief.")
                // SDK 3.x has no setter for temperature any more; the API still takes it.
                .putAdditionalBodyProperty("temperature", JsonValue.from(0.5))
                .stopSequences(List.of("END")).build());
        fake(model).assertNoViolations();
        assertEquals("Hello from " + model, message.content().getFirst().asText().text());
        assertEquals(model, message.model().asString());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(9, message.usage().inputTokens());
        assertEquals(4, message.usage().outputTokens());
        JsonNode sent = upstreamBody(model);
        assertEquals(100, sent.path("max_tokens").asInt());
        assertEquals(0.5, sent.path("temperature").asDouble());
        assertEquals("END", sent.path(model.startsWith("claude") ? "stop_sequences" : "stop").get(0).asText());
        if (model.equals("claude-translated")) {
            assertEquals("Be brief.", sent.path("system").asText());
            assertEquals("Hi", sent.path("messages").get(0).path("content").get(0).path("text").asText());
        } else if (model.equals("claude")) {
            // The native path: the request as the SDK wrote it, under the upstream's model name.
            assertEquals("claude-sonnet-4-5", sent.path("model").asText());
            assertEquals("Be brief.", sent.path("system").asText());
            assertEquals("Hi", sent.path("messages").get(0).path("content").asText());
        } else {
            assertEquals("system", sent.path("messages").get(0).path("role").asText());
            assertEquals("Be brief.", sent.path("messages").get(0).path("content").asText());
            assertEquals("Hi", sent.path("messages").get(1).path("content").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "claude-translated", "gpt"})
    void stream(String model) {
        fake(model).streamText(List.of("Hel", "lo", " there"), new FakeUsage(12, 3));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client.messages().createStreaming(ask(model, "Hi").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        fake(model).assertNoViolations();
        Message message = accumulator.message();
        assertEquals("Hello there", message.content().getFirst().asText().text());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(3, message.usage().outputTokens());
        assertTrue(upstreamBody(model).path("stream").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "claude-translated", "gpt"})
    void toolsAndTheirResults(String model) {
        fake(model).replyToolCalls(List.of(new FakeToolCall("get_weather", "{\"city\":\"Paris\"}")), new FakeUsage(20, 8));
        MessageCreateParams first = ask(model, "Weather in Paris?").addTool(weatherTool()).build();
        Message call = client.messages().create(first);
        assertEquals(StopReason.TOOL_USE, call.stopReason().orElseThrow());
        ToolUseBlock use = call.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow().asToolUse();
        assertEquals("get_weather", use.name());
        assertEquals("Paris", city(use));

        fake(model).replyText("18C and sunny", new FakeUsage(30, 5));
        Message answer = client.messages().create(first.toBuilder()
                .addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(use.id()).content("18C, sunny").build())))
                .build());
        fake(model).assertNoViolations();
        assertEquals("18C and sunny", answer.content().getFirst().asText().text());
        JsonNode sent = upstreamBody(model);
        JsonNode messages = sent.path("messages");
        if (model.startsWith("claude")) {
            JsonNode result = messages.get(2).path("content").get(0);
            assertEquals("tool_result", result.path("type").asText());
            assertEquals(use.id(), result.path("tool_use_id").asText());
            assertEquals("get_weather", sent.path("tools").get(0).path("name").asText());
        } else {
            assertEquals(use.id(), messages.get(1).path("tool_calls").get(0).path("id").asText());
            assertEquals("tool", messages.get(2).path("role").asText());
            assertEquals(use.id(), messages.get(2).path("tool_call_id").asText());
            assertEquals("18C, sunny", messages.get(2).path("content").asText());
            assertEquals("get_weather", sent.path("tools").get(0).path("function").path("name").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "claude-translated", "gpt"})
    void streamedToolCalls(String model) {
        fake(model).streamToolCalls(List.of(new FakeToolCall("get_weather", "{\"city\":\"Paris\"}"),
                new FakeToolCall("get_weather", "{\"city\":\"Lyon\"}")), new FakeUsage(20, 8));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client.messages().createStreaming(ask(model, "Weather?").addTool(weatherTool()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        fake(model).assertNoViolations();
        Message message = accumulator.message();
        assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
        List<ToolUseBlock> uses = message.content().stream().filter(ContentBlock::isToolUse)
                .map(ContentBlock::asToolUse).toList();
        assertEquals(List.of("Paris", "Lyon"), uses.stream().map(AnthropicSdkTest::city).toList());
    }

    @Test
    void thinkingReachesAnAnthropicUpstreamAndComesBack() {
        gateway.anthropic.replyThinkingThenText("Paris is in France.", "Paris.", new FakeUsage(15, 40));
        Message message = client.messages().create(MessageCreateParams.builder().model("claude").maxTokens(4096)
                .enabledThinking(2048).addUserMessage("Capital of France?").build());
        gateway.anthropic.assertNoViolations();
        assertEquals(2048, upstreamBody("claude").path("thinking").path("budget_tokens").asInt());
        assertEquals("Paris is in France.", message.content().get(0).asThinking().thinking());
        assertEquals("Paris.", message.content().get(1).asText().text());
    }

    @Test
    void countsTokensExactlyWithAnAnthropicUpstream() {
        gateway.anthropic.replyTokenCount(42);
        long tokens = client.messages().countTokens(MessageCountTokensParams.builder().model("claude")
                .addUserMessage("How many tokens is this?").build()).inputTokens();
        gateway.anthropic.assertNoViolations();
        assertEquals(42, tokens);
        RecordedRequest sent = gateway.anthropic.requests().getLast();
        assertEquals("/v1/messages/count_tokens", sent.pathOnly());
        assertEquals("claude-sonnet-4-5", sent.json().path("model").asText());
    }

    @Test
    void estimatesTokensWithOtherUpstreams() {
        int before = gateway.openai.requests().size();
        long tokens = client.messages().countTokens(MessageCountTokensParams.builder().model("gpt")
                .addUserMessage("How many tokens is this?").build()).inputTokens();
        // 24 characters are 6 tokens, and a message's framing 4.
        assertEquals(10, tokens);
        assertEquals(before, gateway.openai.requests().size(), "an estimate asks no upstream");
    }

    @Test
    void bearerTokensAreAcceptedLikeApiKeys() {
        AnthropicClient bearer = AnthropicOkHttpClient.builder().baseUrl(origin()).authToken(gateway.apiKey)
                .maxRetries(0).build();
        try {
            gateway.openai.replyText("Hi", new FakeUsage(1, 1));
            assertEquals("Hi", bearer.messages().create(ask("gpt", "Hi").build()).content().getFirst().asText().text());
        } finally {
            bearer.close();
        }
    }

    @Test
    void unknownModelIsTheSdksNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> client.messages().create(ask("no-such-model", "Hi").build()));
        assertEquals(404, e.statusCode());
        JsonNode body = e.body().convert(JsonNode.class);
        assertEquals("error", body.path("type").asText());
        assertEquals("not_found_error", body.path("error").path("type").asText());
        assertTrue(body.path("error").path("message").asText().contains("no-such-model"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude", "claude-translated", "gpt"})
    void overloadedUpstreamsAreTheSdksOverloaded(String model) {
        fake(model).replyError(ErrorKind.OVERLOADED);
        OverloadedException e = assertThrows(OverloadedException.class,
                () -> client.messages().create(ask(model, "Hi").build()));
        assertEquals(529, e.statusCode());
        assertFalse(e.headers().values("request-id").isEmpty());
    }

    private static String city(ToolUseBlock use) {
        Map<String, String> input = use._input().convert(new TypeReference<>() {});
        return input.get("city");
    }

    /**
     * What the translation can not carry reaches an Anthropic upstream unchanged: signed thinking
     * blocks before a tool call (which Anthropic requires back in a tool conversation with
     * thinking), prompt-cache marks, a tool result's error flag, and the caller's beta header.
     */
    @Test
    void anAnthropicUpstreamGetsTheRequestAsWritten() throws Exception {
        gateway.anthropic.replyText("Done.", new FakeUsage(40, 3));
        String body = """
                {"model":"claude","max_tokens":4096,"thinking":{"type":"enabled","budget_tokens":2048},
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "tools":[{"name":"get_weather","input_schema":{"type":"object"}}],
                 "messages":[
                  {"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
                  {"role":"assistant","content":[
                     {"type":"thinking","thinking":"I should call the tool.","signature":"EqoBsig"},
                     {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"18C","is_error":false}]}]}""";
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(origin() + "/v1/messages"))
                        .header("content-type", "application/json").header("x-api-key", gateway.apiKey)
                        .header("anthropic-version", "2023-06-01").header("anthropic-beta", "fake-beta-2025-01-01")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        gateway.anthropic.assertNoViolations();
        RecordedRequest sent = gateway.anthropic.requests().getLast();
        JsonNode upstream = sent.json();
        JsonNode thinking = upstream.path("messages").get(1).path("content").get(0);
        assertEquals("EqoBsig", thinking.path("signature").asText());
        assertEquals("ephemeral", upstream.path("system").get(0).path("cache_control").path("type").asText());
        assertEquals(false, upstream.path("messages").get(2).path("content").get(0).path("is_error").asBoolean(true));
        assertEquals("fake-beta-2025-01-01", sent.header("anthropic-beta").orElseThrow());
        assertEquals(gateway.anthropic.apiKey(), sent.header("x-api-key").orElseThrow(),
                "the deployment's key goes upstream, never the caller's");
        assertEquals("claude", dev.gatehouse.json.Json.parseUpstream(response.body(), "test").path("model").asText());
    }

    @Test
    void aStreamFromAnAnthropicUpstreamNamesTheCallersModel() {
        gateway.anthropic.streamText(List.of("Hi"), new FakeUsage(3, 1));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client.messages().createStreaming(ask("claude", "Hi").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertEquals("claude", accumulator.message().model().asString());
        assertEquals("claude-sonnet-4-5", gateway.anthropic.requests().getLast().json().path("model").asText());
    }
}
