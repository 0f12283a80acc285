package dev.gatehouse.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.Tool;
import dev.gatehouse.conformance.StreamedAssistant;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.Upstream;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * reasoning_effort as Claude's thinking, and the thinking blocks' round trip through the
 * canonical model, against the strict fake (which checks Anthropic's thinking rules and the
 * signatures it issued).
 */
class AnthropicReasoningTest {

    private final FakeAnthropic fake = new FakeAnthropic();
    private final JdkHttpTransport transport = new JdkHttpTransport(Duration.ofSeconds(5));
    private final AnthropicProvider provider = new AnthropicProvider();
    private final Tool weather = new Tool("weather", "The weather in a city",
            json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"), null);

    @AfterEach
    void close() {
        fake.close();
    }

    private Upstream upstream(String model, boolean dropParams) {
        return new Upstream(Deployment.builder("claude", "anthropic").upstreamModel(model).baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).dropParams(dropParams).timeout(Duration.ofSeconds(10)).build(),
                transport);
    }

    private static ChatRequest.Builder ask(String model, String effort) {
        return ChatRequest.builder(model).messages(List.of(Message.User.of("Weather in Paris?")))
                .extension("reasoning_effort", TextNode.valueOf(effort));
    }

    @Test
    void anAdaptiveModelGetsAdaptiveThinkingAndTheEffort() {
        fake.replyThinkingThenText("Hmm.", "Sunny.", new FakeUsage(10, 5));
        ChatResponse answer = provider.chat(ask("claude-sonnet-4-6", "high").build(), upstream("claude-sonnet-4-6", false));
        fake.assertNoViolations();
        JsonNode body = fake.lastRequest().json();
        assertEquals("adaptive", body.path("thinking").path("type").asText());
        assertEquals("summarized", body.path("thinking").path("display").asText(), "newer models omit it unless asked");
        assertEquals("high", body.path("output_config").path("effort").asText());
        assertEquals(8192, body.path("max_tokens").asInt());
        Message.Assistant message = answer.choices().getFirst().message();
        assertEquals("Hmm.", message.reasoningContent());
        assertNotNull(message.reasoningSignature());
    }

    @Test
    void anOlderModelGetsABudgetWithRoomForTheAnswer() {
        fake.replyText("Sunny.", new FakeUsage(10, 5));
        provider.chat(ask("claude-sonnet-4-5", "medium").build(), upstream("claude-sonnet-4-5", false));
        fake.assertNoViolations();
        JsonNode body = fake.lastRequest().json();
        assertEquals("enabled", body.path("thinking").path("type").asText());
        assertEquals(4096, body.path("thinking").path("budget_tokens").asInt());
        assertEquals(8192, body.path("max_tokens").asInt());
        assertFalse(body.has("output_config"));

        fake.replyText("Sunny.", new FakeUsage(10, 5));
        provider.chat(ask("claude-opus-4-1", "high").build(), upstream("claude-opus-4-1", false));
        body = fake.lastRequest().json();
        assertEquals(16_384, body.path("thinking").path("budget_tokens").asInt());
        assertEquals(16_384 + 4096, body.path("max_tokens").asInt(), "the default limit grows to hold the budget");
    }

    @Test
    void theCallersLimitStaysAndTheBudgetFitsUnderIt() {
        fake.replyText("Sunny.", new FakeUsage(10, 5));
        provider.chat(ask("claude-sonnet-4-5", "high").maxCompletionTokens(3000).build(), upstream("claude-sonnet-4-5", false));
        fake.assertNoViolations();
        JsonNode body = fake.lastRequest().json();
        assertEquals(3000, body.path("max_tokens").asInt());
        assertEquals(1500, body.path("thinking").path("budget_tokens").asInt());

        GatewayException.BadRequest tooSmall = assertThrows(GatewayException.BadRequest.class, () -> provider.chat(
                ask("claude-sonnet-4-5", "low").maxTokens(1000).build(), upstream("claude-sonnet-4-5", false)));
        assertEquals("max_tokens", tooSmall.param());
    }

    @Test
    void noneAndMinimalLeaveThinkingOff() {
        for (String effort : List.of("none", "minimal")) {
            fake.replyText("Sunny.", new FakeUsage(10, 5));
            provider.chat(ask("claude-sonnet-4-6", effort).temperature(0.2).build(), upstream("claude-sonnet-4-6", false));
            JsonNode body = fake.lastRequest().json();
            assertFalse(body.has("thinking"), effort);
            assertEquals(0.2, body.path("temperature").asDouble(), 1e-9, "without thinking the temperature stays");
        }
        fake.assertNoViolations();
    }

    @Test
    void aModelWithoutThinkingAndABadValueAreRefusedByName() {
        GatewayException.BadRequest old = assertThrows(GatewayException.BadRequest.class, () -> provider.chat(
                ask("claude-3-5-haiku-20241022", "low").build(), upstream("claude-3-5-haiku-20241022", false)));
        assertEquals("reasoning_effort", old.param());
        GatewayException.BadRequest bad = assertThrows(GatewayException.BadRequest.class, () -> provider.chat(
                ask("claude-sonnet-4-6", "extreme").build(), upstream("claude-sonnet-4-6", false)));
        assertEquals("reasoning_effort", bad.param());
        ChatRequest both = ask("claude-sonnet-4-6", "low").extension("thinking", json("{\"type\":\"adaptive\"}")).build();
        assertEquals("reasoning_effort", assertThrows(GatewayException.BadRequest.class,
                () -> provider.chat(both, upstream("claude-sonnet-4-6", false))).param());
        assertEquals(0, fake.requestCount(), "nothing refused here reached Anthropic");
    }

    @Test
    void settingsThinkingForbidsAreRefusedOrDropped() {
        ChatRequest hot = ask("claude-sonnet-4-6", "low").temperature(0.3)
                .extension("top_k", json("5")).build();
        GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                () -> provider.chat(hot, upstream("claude-sonnet-4-6", false)));
        assertEquals("temperature", refused.param());

        fake.replyText("Sunny.", new FakeUsage(10, 5));
        provider.chat(hot.toBuilder().tools(List.of(weather)).toolChoice(new dev.gatehouse.api.ToolChoice.Required())
                .build(), upstream("claude-sonnet-4-6", true));
        fake.assertNoViolations();
        JsonNode body = fake.lastRequest().json();
        assertFalse(body.has("temperature"));
        assertFalse(body.has("top_k"));
        assertEquals("auto", body.path("tool_choice").path("type").asText());
    }

    @Test
    void aToolRoundTripCarriesTheSignedThinkingBack() {
        fake.replyThinkingThenToolCalls(List.of("I need the weather. ", "Paris it is."), true,
                List.of(new FakeToolCall("weather", "{\"city\":\"Paris\"}")), new FakeUsage(20, 30));
        ChatRequest first = ask("claude-sonnet-4-5", "low").tools(List.of(weather)).build();
        Message.Assistant said = provider.chat(first, upstream("claude-sonnet-4-5", false)).choices().getFirst().message();
        assertEquals("I need the weather. Paris it is.", said.reasoningContent());

        fake.replyText("Sunny, 21°C.", new FakeUsage(40, 8));
        provider.chat(secondTurn(first, said), upstream("claude-sonnet-4-5", false));
        fake.assertNoViolations();
        assertThinkingCameBack(fake.lastRequest().json());
    }

    @Test
    void aStreamedToolRoundTripCarriesTheSignedThinkingBack() {
        fake.streamThinkingThenToolCalls(List.of("I need the weather. ", "Paris it is."), true,
                List.of(new FakeToolCall("weather", "{\"city\":\"Paris\"}")), new FakeUsage(20, 30));
        ChatRequest first = ask("claude-sonnet-4-5", "low").tools(List.of(weather)).stream(true).build();
        List<ChatChunk> chunks = new ArrayList<>();
        try (ChatStream stream = provider.stream(first, upstream("claude-sonnet-4-5", false))) {
            stream.forEachRemaining(chunks::add);
        }
        Message.Assistant said = StreamedAssistant.of(chunks);
        assertEquals("I need the weather. Paris it is.", said.reasoningContent());
        assertEquals(1, said.toolCalls().size());

        fake.streamText(List.of("Sunny."), new FakeUsage(40, 8));
        try (ChatStream stream = provider.stream(secondTurn(first, said), upstream("claude-sonnet-4-5", false))) {
            stream.forEachRemaining(chunk -> { });
        }
        fake.assertNoViolations();
        assertThinkingCameBack(fake.lastRequest().json());
    }

    @Test
    void theFakeRefusesAToolTurnWithoutItsThinking() {
        ChatRequest request = ChatRequest.builder("claude-sonnet-4-5").tools(List.of(weather))
                .messages(List.of(Message.User.of("Weather in Paris?"),
                        new Message.Assistant(null, List.of(new dev.gatehouse.api.ToolCall("toolu_1", "weather",
                                "{\"city\":\"Paris\"}")), null, "unsigned thoughts", null),
                        new Message.Tool("toolu_1", "Sunny")))
                .extension("thinking", json("{\"type\":\"enabled\",\"budget_tokens\":1024}")).build();
        assertThrows(GatewayException.BadRequest.class, () -> provider.chat(request, upstream("claude-sonnet-4-5", false)));
        assertTrue(fake.violations().getFirst().contains("must start with a thinking block"), fake.violations().toString());
    }

    @Test
    void aToolTurnWhoseThinkingLostItsSignatureGoesWithoutThinking() {
        fake.replyText("Sunny.", new FakeUsage(10, 5));
        ChatRequest request = ask("claude-sonnet-4-5", "high").tools(List.of(weather))
                .messages(List.of(Message.User.of("Weather in Paris?"),
                        new Message.Assistant(null, List.of(new dev.gatehouse.api.ToolCall("toolu_1", "weather",
                                "{\"city\":\"Paris\"}")), null, "unsigned thoughts", null),
                        new Message.Tool("toolu_1", "Sunny")))
                .build();
        provider.chat(request, upstream("claude-sonnet-4-5", false));
        fake.assertNoViolations();
        assertFalse(fake.lastRequest().json().has("thinking"));
    }

    @Test
    void aSignatureThatDoesNotMatchItsTextIsRefusedNamingTheMessage() {
        fake.replyThinkingThenToolCalls(List.of("Let me see."), false,
                List.of(new FakeToolCall("weather", "{\"city\":\"Paris\"}")), new FakeUsage(20, 30));
        ChatRequest first = ask("claude-sonnet-4-5", "low").tools(List.of(weather)).build();
        Message.Assistant said = provider.chat(first, upstream("claude-sonnet-4-5", false)).choices().getFirst().message();
        Message.Assistant edited = new Message.Assistant(said.content(), said.toolCalls(), null, "Let me see!!",
                null, said.reasoningSignature());
        GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                () -> provider.chat(secondTurn(first, edited), upstream("claude-sonnet-4-5", false)));
        assertEquals("messages[1]", refused.param());
    }

    private static JsonNode json(String text) {
        return Json.parseUpstream(text, "test");
    }

    private static ChatRequest secondTurn(ChatRequest first, Message.Assistant said) {
        List<Message> messages = new ArrayList<>(first.messages());
        messages.add(said);
        messages.add(new Message.Tool(said.toolCalls().getFirst().id(), "Sunny, 21°C"));
        return first.toBuilder().messages(messages).build();
    }

    private static void assertThinkingCameBack(JsonNode body) {
        assertEquals("enabled", body.path("thinking").path("type").asText());
        JsonNode content = body.path("messages").path(1).path("content");
        assertEquals("thinking", content.path(0).path("type").asText());
        assertEquals("I need the weather. ", content.path(0).path("thinking").asText());
        assertEquals("Paris it is.", content.path(1).path("thinking").asText());
        assertEquals("redacted_thinking", content.path(2).path("type").asText());
        assertEquals("tool_use", content.path(3).path("type").asText());
    }
}
