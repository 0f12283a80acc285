package dev.gatehouse.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
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
import dev.gatehouse.testkit.bedrock.FakeBedrock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** reasoning_effort on Bedrock (Claude's thinking) and the signed reasoning's round trip, against the fake. */
class BedrockReasoningTest {

    private static final String CLAUDE_45 = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String CLAUDE_46 = "anthropic.claude-opus-4-6-v1";

    private final FakeBedrock fake = new FakeBedrock();
    private final JdkHttpTransport transport = new JdkHttpTransport(Duration.ofSeconds(5));
    private final BedrockProvider provider = new BedrockProvider();
    private final Tool weather = new Tool("weather", "The weather in a city",
            Json.parseUpstream("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}", "test"), null);

    @AfterEach
    void close() {
        fake.close();
    }

    private Upstream upstream(String model) {
        return new Upstream(Deployment.builder("claude", "bedrock").upstreamModel(model).baseUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(5)).options(Map.of("region", FakeBedrock.REGION))
                .credential("aws_access_key_id", Secret.of(FakeBedrock.ACCESS_KEY_ID))
                .credential("aws_secret_access_key", Secret.of(fake.apiKey())).build(), transport);
    }

    private static ChatRequest.Builder ask(String model, String effort) {
        return ChatRequest.builder(model).messages(List.of(Message.User.of("Weather in Paris?")))
                .extension("reasoning_effort", TextNode.valueOf(effort));
    }

    @Test
    void claudeGetsItsThinkingInTheAdditionalFields() {
        fake.replyText("Sunny.", new FakeUsage(10, 5));
        provider.chat(ask(CLAUDE_45, "high").build(), upstream(CLAUDE_45));
        fake.assertNoViolations();
        JsonNode body = fake.lastRequest().json();
        JsonNode thinking = body.path("additionalModelRequestFields").path("thinking");
        assertEquals("enabled", thinking.path("type").asText());
        assertEquals(16_384, thinking.path("budget_tokens").asInt());
        assertEquals(16_384 + 4096, body.path("inferenceConfig").path("maxTokens").asInt());

        fake.replyText("Sunny.", new FakeUsage(10, 5));
        provider.chat(ask(CLAUDE_46, "medium").build(), upstream(CLAUDE_46));
        fake.assertNoViolations();
        JsonNode fields = fake.lastRequest().json().path("additionalModelRequestFields");
        assertEquals("adaptive", fields.path("thinking").path("type").asText());
        assertEquals("medium", fields.path("output_config").path("effort").asText());
    }

    @Test
    void otherModelsAndForbiddenSettingsAreRefusedByName() {
        String nova = "amazon.nova-pro-v1:0";
        assertEquals("reasoning_effort", assertThrows(GatewayException.BadRequest.class,
                () -> provider.chat(ask(nova, "low").build(), upstream(nova))).param());
        assertEquals("temperature", assertThrows(GatewayException.BadRequest.class,
                () -> provider.chat(ask(CLAUDE_45, "low").temperature(0.1).build(), upstream(CLAUDE_45))).param());
        assertEquals(0, fake.requestCount());
        fake.replyText("Hi.", new FakeUsage(3, 1));
        provider.chat(ask(nova, "none").build(), upstream(nova));
        assertFalse(fake.lastRequest().json().has("additionalModelRequestFields"), "none asks for nothing");
    }

    @Test
    void aToolRoundTripCarriesTheSignedReasoningBack() {
        fake.replyReasoningThenToolCalls(List.of("I need the weather. ", "Paris it is."), true,
                List.of(new FakeToolCall("weather", "{\"city\":\"Paris\"}")), new FakeUsage(20, 30));
        ChatRequest first = ask(CLAUDE_45, "low").tools(List.of(weather)).build();
        Message.Assistant said = provider.chat(first, upstream(CLAUDE_45)).choices().getFirst().message();
        assertEquals("I need the weather. Paris it is.", said.reasoningContent());

        fake.replyText("Sunny, 21°C.", new FakeUsage(40, 8));
        provider.chat(secondTurn(first, said), upstream(CLAUDE_45));
        fake.assertNoViolations();
        assertReasoningCameBack(fake.lastRequest().json());
    }

    @Test
    void aStreamedToolRoundTripCarriesTheSignedReasoningBack() {
        fake.streamReasoningThenToolCalls(List.of("I need the weather. ", "Paris it is."), true,
                List.of(new FakeToolCall("weather", "{\"city\":\"Paris\"}")), new FakeUsage(20, 30));
        ChatRequest first = ask(CLAUDE_45, "low").tools(List.of(weather)).stream(true).build();
        List<ChatChunk> chunks = new ArrayList<>();
        try (ChatStream stream = provider.stream(first, upstream(CLAUDE_45))) {
            stream.forEachRemaining(chunks::add);
        }
        Message.Assistant said = StreamedAssistant.of(chunks);
        assertEquals("I need the weather. Paris it is.", said.reasoningContent());

        fake.replyText("Sunny.", new FakeUsage(40, 8));
        provider.chat(secondTurn(first, said).toBuilder().stream(false).build(), upstream(CLAUDE_45));
        fake.assertNoViolations();
        assertReasoningCameBack(fake.lastRequest().json());
    }

    @Test
    void aToolTurnWhoseReasoningLostItsSignatureGoesWithoutThinking() {
        ChatRequest unsigned = ask(CLAUDE_45, "low").tools(List.of(weather))
                .messages(List.of(Message.User.of("Weather in Paris?"),
                        new Message.Assistant(null, List.of(new dev.gatehouse.api.ToolCall("tooluse_1", "weather",
                                "{\"city\":\"Paris\"}")), null, "unsigned", null),
                        new Message.Tool("tooluse_1", "Sunny"))).build();
        fake.replyText("Sunny.", new FakeUsage(10, 5));
        provider.chat(unsigned, upstream(CLAUDE_45));
        fake.assertNoViolations();
        assertFalse(fake.lastRequest().json().path("additionalModelRequestFields").has("thinking"));
    }

    private static ChatRequest secondTurn(ChatRequest first, Message.Assistant said) {
        List<Message> messages = new ArrayList<>(first.messages());
        messages.add(said);
        messages.add(new Message.Tool(said.toolCalls().getFirst().id(), "Sunny, 21°C"));
        return first.toBuilder().messages(messages).build();
    }

    private static void assertReasoningCameBack(JsonNode body) {
        assertEquals("enabled", body.path("additionalModelRequestFields").path("thinking").path("type").asText());
        JsonNode content = body.path("messages").path(1).path("content");
        assertEquals("I need the weather. ", content.path(0).path("reasoningContent").path("reasoningText").path("text").asText());
        assertEquals("Paris it is.", content.path(1).path("reasoningContent").path("reasoningText").path("text").asText());
        assertTrue(content.path(2).path("reasoningContent").has("redactedContent"));
        assertTrue(content.path(3).has("toolUse"));
    }
}
