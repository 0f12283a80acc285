package dev.gatehouse.provider.gemini;

import dev.gatehouse.routing.RoutingSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.gemini.FakeGeminiEmbeddings;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Embeddings on Gemini (ai.google.dev/api/embeddings), against the strict fake. */
class GeminiEmbeddingsTest {

    private FakeGeminiEmbeddings fake;
    private Gateway gateway;

    @BeforeEach
    void start() {
        fake = new FakeGeminiEmbeddings();
        gateway = Gateway.builder()
                .routing(RoutingSettings.DEFAULTS.withRetries(0)) // one upstream answer per request, as scripted
                .deployment(Deployment.builder("gemini-embed", "gemini").upstreamModel("gemini-embedding-001")
                        .baseUrl(fake.baseUrl()).apiKey(Secret.of(fake.apiKey())).build())
                .build();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static EmbeddingRequest texts(Integer dimensions, String... texts) {
        return new EmbeddingRequest("gemini-embed", new EmbeddingInput.Texts(List.of(texts)), dimensions, null, null);
    }

    @Test
    void oneInputUsesEmbedContent() {
        fake.replyEmbeddings(1);
        EmbeddingResponse response = gateway.embed(texts(768, "hello"));
        fake.assertNoViolations();
        var request = fake.lastRequest();
        assertEquals("/v1beta/models/gemini-embedding-001:embedContent", request.pathOnly());
        assertEquals(768, request.json().get("outputDimensionality").asInt());
        assertEquals("hello", request.json().at("/content/parts/0/text").asText());
        assertEquals("gemini-embed", response.model());
        assertEquals(768, response.data().getFirst().vector().length);
        assertEquals(5f, response.data().getFirst().vector()[0]);
        assertNull(response.usage(), "Gemini counts no tokens for embeddings; none are invented");
    }

    @Test
    void manyInputsUseBatchEmbedContentsInBatchesOf100InOrder() {
        fake.replyEmbeddings(3);
        String[] inputs = IntStream.range(0, 250).mapToObj(i -> "x".repeat(1 + i % 13)).toArray(String[]::new);
        EmbeddingResponse response = gateway.embed(texts(null, inputs));
        fake.assertNoViolations();
        assertEquals(List.of(100, 100, 50), fake.requests().stream().map(r -> r.json().get("requests").size()).toList());
        assertTrue(fake.requests().stream().allMatch(r -> r.pathOnly().endsWith(":batchEmbedContents")));
        assertEquals("models/gemini-embedding-001", fake.lastRequest().json().at("/requests/0/model").asText());
        assertEquals(250, response.data().size());
        for (int i = 0; i < 250; i++) {
            assertEquals(i, response.data().get(i).index());
            assertEquals(1f + i % 13, response.data().get(i).vector()[0], "input " + i + " keeps its place");
        }
    }

    @Test
    void tokenArraysAreRefusedByName() {
        assertEquals("input", assertThrows(GatewayException.BadRequest.class, () -> gateway.embed(new EmbeddingRequest(
                "gemini-embed", new EmbeddingInput.Tokens(List.of(List.of(1, 2))), null, null, null))).param());
        assertTrue(fake.requests().isEmpty());
    }

    /** {@code user} never changes a vector: Gemini has no field for it, so it is left out and named. */
    @Test
    void theEndUserIdIsLeftOutAndNamed() {
        fake.replyEmbeddings(1);
        RequestContext context = RequestContext.start();
        EmbeddingResponse response = gateway.call(context).embed(new EmbeddingRequest(
                "gemini-embed", new EmbeddingInput.Texts(List.of("a")), null, null, "end-user-4711"));
        assertEquals(1, response.data().size());
        fake.assertNoViolations();
        assertFalse(fake.requests().getLast().bodyText().contains("end-user-4711"), fake.requests().getLast().bodyText());
        assertEquals(List.of("user"), context.trace().dropped());
    }

    @Test
    void errorsAreGeminis() {
        fake.replyError(429, "Resource has been exhausted (e.g. check quota).");
        assertEquals(429, assertThrows(GatewayException.class, () -> gateway.embed(texts(null, "a"))).status());
        fake.replyError(400, "API key not valid. Please pass a valid API key.");
        assertEquals(401, assertThrows(GatewayException.class, () -> gateway.embed(texts(null, "a", "b"))).status());
        assertFalse(fake.requests().isEmpty());
    }
}
