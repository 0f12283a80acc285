package dev.gatehouse.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Upstream;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Azure OpenAI's addresses, key header and content filter
 * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference,
 * https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/content-filter).
 */
class AzureOpenAiTest {

    private final FakeOpenAi fake = new FakeOpenAi(Dialect.AZURE);
    private final JdkHttpTransport transport = new JdkHttpTransport(Duration.ofSeconds(5));
    private final ChatProvider provider = Providers.create("azure");

    @AfterEach
    void close() {
        fake.close();
    }

    private Deployment deployment(Map<String, String> options) {
        return Deployment.builder("gpt-4o", "azure").upstreamModel("prod gpt-4o").baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).options(options).timeout(Duration.ofSeconds(5)).build();
    }

    private static ChatRequest hi() {
        return ChatRequest.of("prod gpt-4o", List.of(Message.User.of("Hi")));
    }

    @Test
    void callsTheDeploymentAddressWithItsApiVersionAndTheKeyInApiKey() {
        fake.replyText("Hello", new FakeUsage(3, 1));
        provider.chat(hi(), new Upstream(deployment(Map.of("api_version", "2024-10-21")), transport));
        fake.assertNoViolations();
        assertEquals("/openai/deployments/prod%20gpt-4o/chat/completions?api-version=2024-10-21",
                fake.lastRequest().path());
        assertEquals(fake.apiKey(), fake.lastRequest().header("api-key").orElseThrow());
        assertTrue(fake.lastRequest().header("authorization").isEmpty(), "the key is not also sent as a bearer token");
    }

    @Test
    void withoutAnApiVersionCallsTheV1ApiNamingTheDeploymentInTheBody() {
        fake.replyText("Hello", new FakeUsage(3, 1));
        provider.chat(hi(), new Upstream(deployment(Map.of()), transport));
        fake.assertNoViolations();
        assertEquals("/openai/v1/chat/completions", fake.lastRequest().path());
        assertEquals("prod gpt-4o", fake.lastRequest().json().path("model").asText());
    }

    @Test
    void aFilteredPromptIsContentFilteredNamingTheCategory() {
        fake.replyContentFiltered();
        GatewayException error = assertThrows(GatewayException.class,
                () -> provider.chat(hi(), new Upstream(deployment(Map.of("api_version", "2024-10-21")), transport)));
        assertInstanceOf(GatewayException.ContentFiltered.class, error);
        assertEquals("content_filter", error.code());
        assertTrue(error.getMessage().contains("violence (medium)"), error.getMessage());
    }

    @Test
    void aFilteredAnswerFinishesWithContentFilter() {
        fake.enqueue(Reply.Full.json(200, """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,
                 "finish_reason":"content_filter","message":{"role":"assistant","content":null},
                 "content_filter_results":{"violence":{"filtered":true,"severity":"high"}}}],
                 "prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}],
                 "usage":{"prompt_tokens":5,"completion_tokens":0,"total_tokens":5}}
                """));
        assertEquals(FinishReason.CONTENT_FILTER, provider.chat(hi(), new Upstream(deployment(Map.of("api_version", "2024-10-21")), transport))
                .choices().getFirst().finishReason());
    }

    @Test
    void thePromptFilterChunkOfAStreamIsNotPassedOn() {
        fake.streamText(List.of("Hel", "lo"), new FakeUsage(3, 2));
        List<ChatChunk> chunks = new ArrayList<>();
        try (ChatStream stream = provider.stream(hi().toBuilder().stream(true).build(),
                new Upstream(deployment(Map.of("api_version", "2024-10-21")), transport))) {
            stream.forEachRemaining(chunks::add);
        }
        fake.assertNoViolations();
        assertTrue(chunks.stream().noneMatch(c -> c.id().isEmpty()), "no chunk with Azure's empty id");
        assertTrue(chunks.stream().noneMatch(c -> c.choices().isEmpty()), "no choiceless chunk when usage was not asked");
        assertEquals("assistant", chunks.getFirst().choices().getFirst().delta().role());
    }

    @Test
    void aBadApiVersionOrNoBaseUrlIsRefusedBeforeAnyCall() {
        assertThrows(GatewayException.BadRequest.class, () -> provider.chat(hi(), new Upstream(deployment(Map.of("api_version",
                "latest")), transport)));
        Deployment noBase = Deployment.builder("gpt-4o", "azure").upstreamModel("d").apiKey(Secret.of("k")).build();
        assertThrows(GatewayException.BadRequest.class, () -> provider.chat(hi(), new Upstream(noBase, transport)));
        assertTrue(fake.requests().isEmpty());
        assertFalse(AzureEndpoint.isApiVersion("2024-10"));
        assertEquals(URI.create("https://r.openai.azure.com/openai/v1/chat/completions"), AzureEndpoint.chatCompletions(
                Deployment.builder("m", "azure").baseUrl("https://r.openai.azure.com/").build(), "d"));
    }
}
