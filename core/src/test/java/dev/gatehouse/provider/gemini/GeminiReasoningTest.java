package dev.gatehouse.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.Upstream;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.gemini.FakeGemini;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** reasoning_effort as Gemini's thinkingConfig, per model generation, and Gemini's thoughts back. */
class GeminiReasoningTest {

    private static final Deployment DEPLOYMENT = Deployment.builder("chat", "gemini").upstreamModel("gemini-2.5-flash")
            .apiKey(Secret.of("k")).build();

    private static JsonNode thinking(String model, String effort) {
        ChatRequest request = ChatRequest.builder(model).messages(List.of(Message.User.of("Hi")))
                .extension("reasoning_effort", TextNode.valueOf(effort)).build();
        return GeminiRequestMapper.toGemini(request, DEPLOYMENT).path("generationConfig").path("thinkingConfig");
    }

    @Test
    void gemini25GetsABudgetAndItsThoughts() {
        assertEquals(1024, thinking("gemini-2.5-flash", "low").path("thinkingBudget").asInt());
        assertEquals(8192, thinking("gemini-2.5-flash", "medium").path("thinkingBudget").asInt());
        assertEquals(24_576, thinking("gemini-2.5-flash", "xhigh").path("thinkingBudget").asInt());
        assertEquals(32_768, thinking("gemini-2.5-pro", "xhigh").path("thinkingBudget").asInt());
        assertEquals(true, thinking("gemini-2.5-flash", "high").path("includeThoughts").asBoolean());
        JsonNode off = thinking("gemini-2.5-flash", "none");
        assertEquals(0, off.path("thinkingBudget").asInt());
        assertFalse(off.has("includeThoughts"));
        assertEquals(128, thinking("gemini-2.5-pro", "none").path("thinkingBudget").asInt(), "2.5 Pro can not stop thinking");
    }

    @Test
    void gemini3GetsALevel() {
        assertEquals("MINIMAL", thinking("gemini-3-flash-preview", "minimal").path("thinkingLevel").asText());
        assertEquals("MEDIUM", thinking("gemini-3-flash-preview", "medium").path("thinkingLevel").asText());
        assertEquals("LOW", thinking("gemini-3-pro-preview", "minimal").path("thinkingLevel").asText());
        assertEquals("HIGH", thinking("gemini-3-pro-preview", "medium").path("thinkingLevel").asText());
        assertEquals("HIGH", thinking("gemini-3.1-pro", "xhigh").path("thinkingLevel").asText());
        assertFalse(thinking("gemini-3-pro-preview", "high").has("thinkingBudget"));
        assertEquals("LOW", thinking("gemini-3-pro-preview", "none").path("thinkingLevel").asText());
        assertFalse(thinking("gemini-3-pro-preview", "none").has("includeThoughts"), "none asks for no thoughts back");
    }

    @Test
    void aModelWithoutThinkingRefusesAnEffortByName() {
        ChatRequest request = ChatRequest.builder("gemini-2.0-flash").messages(List.of(Message.User.of("Hi")))
                .extension("reasoning_effort", TextNode.valueOf("low")).build();
        GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                () -> GeminiRequestMapper.toGemini(request, DEPLOYMENT));
        assertEquals("reasoning_effort", refused.param());
        ChatRequest none = request.toBuilder().extension("reasoning_effort", TextNode.valueOf("none")).build();
        assertFalse(GeminiRequestMapper.toGemini(none, DEPLOYMENT).path("generationConfig").has("thinkingConfig"));
    }

    @Test
    void theStrictFakeTakesTheThinkingConfig() {
        try (FakeGemini fake = new FakeGemini()) {
            Deployment deployment = Deployment.builder("chat", "gemini").upstreamModel("gemini-3-flash-preview")
                    .baseUrl(fake.baseUrl()).apiKey(Secret.of(fake.apiKey())).timeout(Duration.ofSeconds(10)).build();
            fake.replyText("Hello", new FakeUsage(3, 1));
            ChatRequest request = ChatRequest.builder("gemini-3-flash-preview").messages(List.of(Message.User.of("Hi")))
                    .extension("reasoning_effort", TextNode.valueOf("high")).build();
            new GeminiProvider().chat(request, new Upstream(deployment, new JdkHttpTransport(Duration.ofSeconds(5))));
            fake.assertNoViolations();
            assertEquals("HIGH", fake.lastRequest().json().path("generationConfig").path("thinkingConfig")
                    .path("thinkingLevel").asText());
        }
    }

    @Test
    void thoughtsComeBackAsReasoningWithTheirTokens() {
        ChatResponse response = GeminiResponseMapper.toChatResponse(Json.parseUpstream("""
                {"candidates":[{"content":{"role":"model","parts":[
                   {"text":"Let me think.","thought":true},{"text":"Hello"}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1,"thoughtsTokenCount":7,"totalTokenCount":11},
                 "responseId":"r1"}""", "test"), "gemini-2.5-flash", 0);
        assertEquals("Let me think.", response.choices().getFirst().message().reasoningContent());
        assertEquals(7, response.usage().reasoningTokens());
        assertEquals(8, response.usage().completionTokens());
    }
}
