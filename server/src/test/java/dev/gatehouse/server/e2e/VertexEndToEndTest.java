package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.gemini.FakeGemini;
import dev.gatehouse.testkit.google.FakeGoogleOAuth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Vertex AI deployments served by the real server, whose Helidon transport fetches the service
 * account's token from the fake token endpoint and calls the fake Vertex doors with it: Gemini
 * through the OpenAI route, Claude through the Anthropic route.
 */
class VertexEndToEndTest {

    @Test
    void servesGeminiOnVertexWithAServiceAccountToken() {
        try (FakeGoogleOAuth oauth = new FakeGoogleOAuth();
                FakeGemini vertex = FakeGemini.vertex("my-project-1", "us-central1", oauth)) {
            ServerSettings d = ServerSettings.defaults();
            Deployment deployment = Deployment.builder("gemini-vertex", "vertex").upstreamModel("gemini-2.5-flash")
                    .baseUrl(vertex.baseUrl()).apiKey(Secret.of(vertex.apiKey())).timeout(Duration.ofSeconds(5))
                    .options(Map.of("project", "my-project-1", "location", "us-central1",
                            "token_url", oauth.tokenUrl().toString()))
                    .build();
            try (TestStores.Started gatehouse = TestStores.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0,
                    d.maxBodyBytes(), d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(2)),
                    List.of(deployment), Set.of("127.0.0.1")))) {
                OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gatehouse.port() + "/v1")
                        .apiKey(gatehouse.apiKey()).maxRetries(0).build();
                try {
                    for (int i = 0; i < 2; i++) {
                        vertex.replyText("Bonjour " + i, new FakeUsage(5, 2));
                        ChatCompletion answer = client.chat().completions().create(ChatCompletionCreateParams.builder()
                                .model("gemini-vertex").addUserMessage("Hi").build());
                        assertEquals("Bonjour " + i, answer.choices().getFirst().message().content().orElseThrow());
                    }
                } finally {
                    client.close();
                }
            }
            vertex.assertNoViolations();
            oauth.assertNoViolations();
            assertEquals(1, oauth.tokenRequests(), "the token is fetched once and reused");
            assertTrue(vertex.lastRequest().header("authorization").orElseThrow().startsWith("Bearer ya29.fake-"));
        }
    }

    @Test
    void servesClaudeOnVertexThroughTheAnthropicFrontDoor() {
        try (FakeGoogleOAuth oauth = new FakeGoogleOAuth();
                FakeAnthropic vertex = FakeAnthropic.vertex("my-project-1", "us-east5", oauth)) {
            ServerSettings d = ServerSettings.defaults();
            Deployment deployment = Deployment.builder("claude-vertex", "vertex_anthropic")
                    .upstreamModel("claude-sonnet-4-5@20250929").baseUrl(vertex.baseUrl())
                    .apiKey(Secret.of(vertex.apiKey())).timeout(Duration.ofSeconds(5))
                    .options(Map.of("project", "my-project-1", "location", "us-east5",
                            "token_url", oauth.tokenUrl().toString()))
                    .build();
            try (TestStores.Started gatehouse = TestStores.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0,
                    d.maxBodyBytes(), d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(2)),
                    List.of(deployment), Set.of("127.0.0.1")))) {
                AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gatehouse.port())
                        .apiKey(gatehouse.apiKey()).maxRetries(0).build();
                try {
                    vertex.streamText(List.of("Bon", "jour"), new FakeUsage(5, 2));
                    MessageAccumulator accumulator = MessageAccumulator.create();
                    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                            MessageCreateParams.builder().model("claude-vertex").maxTokens(50).addUserMessage("Hi")
                                    .build())) {
                        stream.stream().forEach(accumulator::accumulate);
                    }
                    assertEquals("Bonjour", accumulator.message().content().getFirst().asText().text());
                    long estimate = client.messages().countTokens(MessageCountTokensParams.builder()
                            .model("claude-vertex").addUserMessage("Hi").build()).inputTokens();
                    assertTrue(estimate > 0, "Vertex AI's Claude counts are Gatehouse's estimate");
                } finally {
                    client.close();
                }
            }
            vertex.assertNoViolations();
            oauth.assertNoViolations();
            assertTrue(vertex.lastRequest().pathOnly().endsWith(
                    "/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict"));
        }
    }
}
