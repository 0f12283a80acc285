package dev.gatehouse.provider.openai;

import dev.gatehouse.routing.RoutingSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.openai.FakeOpenAiMedia;
import dev.gatehouse.testkit.openai.MediaDialect;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Embeddings through the OpenAI-compatible family
 * (platform.openai.com/docs/api-reference/embeddings/create), against the strict fake.
 */
class OpenAiEmbeddingsTest {

    private FakeOpenAiMedia openai;
    private FakeOpenAiMedia ollama;
    private Gateway gateway;

    @BeforeEach
    void start() {
        openai = new FakeOpenAiMedia(MediaDialect.OPENAI);
        ollama = new FakeOpenAiMedia(MediaDialect.OLLAMA);
        gateway = Gateway.builder()
                .routing(RoutingSettings.DEFAULTS.withRetries(0)) // one upstream answer per request, as scripted
                .deployment(Deployment.builder("embed", "openai").upstreamModel("text-embedding-3-small")
                        .baseUrl(openai.baseUrl()).apiKey(Secret.of(openai.apiKey())).build())
                .deployment(Deployment.builder("embed-small-batches", "openai").upstreamModel("text-embedding-3-small")
                        .baseUrl(openai.baseUrl()).apiKey(Secret.of(openai.apiKey()))
                        .options(Map.of("max_embedding_batch", "2")).build())
                .deployment(Deployment.builder("local-embed", "ollama").upstreamModel("nomic-embed-text")
                        .baseUrl(ollama.baseUrl()).build())
                .deployment(Deployment.builder("groq-chat", "groq").upstreamModel("llama").baseUrl(openai.baseUrl())
                        .apiKey(Secret.of("k")).build())
                .build();
    }

    @AfterEach
    void stop() {
        openai.close();
        ollama.close();
    }

    private static EmbeddingRequest texts(String model, String... texts) {
        return new EmbeddingRequest(model, new EmbeddingInput.Texts(List.of(texts)), null, null, null);
    }

    @Test
    void embedsInOrderUnderThePublicName() {
        openai.replyEmbeddings(1);
        EmbeddingResponse response = gateway.embed(texts("embed", "a", "bbb", "cc"));
        openai.assertNoViolations();
        assertEquals("embed", response.model());
        assertEquals(List.of(1f, 3f, 2f), response.data().stream().map(e -> e.vector()[0]).toList());
        assertEquals(6, response.usage().promptTokens());
        var sent = openai.lastRequest().json();
        assertEquals("text-embedding-3-small", sent.get("model").asText());
        assertEquals("float", sent.get("encoding_format").asText(), "vectors are always fetched as numbers");
    }

    @Test
    void splitsBatchesOverTheLimitKeepingOrderAndSummingUsage() {
        openai.replyEmbeddings(3);
        EmbeddingResponse response = gateway.embed(texts("embed-small-batches", "a", "bb", "ccc", "dddd", "eeeee"));
        openai.assertNoViolations();
        assertEquals(3, openai.requests().size(), "5 inputs in batches of 2");
        assertEquals(List.of(2, 2, 1), openai.requests().stream().map(r -> r.json().get("input").size()).toList());
        assertEquals(List.of(0, 1, 2, 3, 4), response.data().stream().map(EmbeddingResponse.Embedding::index).toList());
        assertEquals(List.of(1f, 2f, 3f, 4f, 5f), response.data().stream().map(e -> e.vector()[0]).toList());
        assertEquals(15, response.usage().promptTokens());
    }

    @Test
    void splitsAtOpenAisDocumentedLimitOf2048() {
        openai.replyEmbeddings(2);
        String[] inputs = IntStream.range(0, 2050).mapToObj(i -> "x".repeat(1 + i % 7)).toArray(String[]::new);
        EmbeddingResponse response = gateway.embed(texts("embed", inputs));
        openai.assertNoViolations();
        assertEquals(List.of(2048, 2), openai.requests().stream().map(r -> r.json().get("input").size()).toList());
        assertEquals(2050, response.data().size());
        assertEquals(1f + 2049 % 7, response.data().getLast().vector()[0]);
    }

    @Test
    void passesDimensionsUserAndTokenArrays() {
        openai.replyEmbeddings(1);
        EmbeddingResponse response = gateway.embed(new EmbeddingRequest("embed",
                new EmbeddingInput.Tokens(List.of(List.of(1, 2), List.of(3))), 5, EmbeddingRequest.EncodingFormat.BASE64,
                "user-7"));
        openai.assertNoViolations();
        var sent = openai.lastRequest().json();
        assertEquals(5, sent.get("dimensions").asInt());
        assertEquals("user-7", sent.get("user").asText());
        assertEquals("[[1,2],[3]]", sent.get("input").toString());
        assertEquals(5, response.data().getFirst().vector().length);
    }

    @Test
    void ollamaTakesNoKey() {
        ollama.replyEmbeddings(1);
        gateway.embed(texts("local-embed", "hello"));
        ollama.assertNoViolations();
        assertFalse(ollama.lastRequest().header("authorization").isPresent());
    }

    @Test
    void upstreamErrorsKeepTheirKind() {
        openai.replyError(429, "Rate limit reached");
        assertEquals(429, assertThrows(GatewayException.class, () -> gateway.embed(texts("embed", "a"))).status());
    }

    @Test
    void aProviderWithoutEmbeddingsIsRefusedNamingModelAndOperation() {
        GatewayException.BadRequest e = assertThrows(GatewayException.BadRequest.class,
                () -> gateway.embed(texts("groq-chat", "a")));
        assertTrue(e.getMessage().contains("groq-chat") && e.getMessage().contains("embeddings"), e.getMessage());
        assertEquals("model", e.param());
        assertTrue(openai.requests().isEmpty());
    }

    @Test
    void mistralNamesDimensionsOutputDimension() {
        List<UpstreamRequest> sent = new ArrayList<>();
        dev.gatehouse.http.Transport transport = request -> {
            sent.add(request);
            byte[] body = "{\"data\":[{\"index\":0,\"embedding\":[0.5]}],\"model\":\"mistral-embed\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new UpstreamResponse(200, Map.of(), new ByteArrayInputStream(body));
        };
        OpenAiProvider mistral = new OpenAiProvider(
                CompatibleProfiles.ALL.stream().filter(p -> p.id().equals("mistral")).findFirst().orElseThrow());
        mistral.embed(new EmbeddingRequest("codestral-embed", new EmbeddingInput.Texts(List.of("a")), 256, null, null),
                new dev.gatehouse.provider.Upstream(Deployment.builder("m", "mistral").apiKey(Secret.of("k")).build(),
                        transport));
        var body = Json.parseUpstream(sent.getFirst().body(), "test");
        assertEquals(256, body.get("output_dimension").asInt());
        assertFalse(body.has("dimensions"));
        assertTrue(sent.getFirst().uri().toString().endsWith("api.mistral.ai/v1/embeddings"));
    }
}
