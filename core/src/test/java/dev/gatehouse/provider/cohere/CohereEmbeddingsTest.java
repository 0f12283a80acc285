package dev.gatehouse.provider.cohere;

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
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.cohere.FakeCohere;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Embeddings on Cohere's v2 Embed API (https://docs.cohere.com/reference/embed), against the strict fake. */
class CohereEmbeddingsTest {

    private FakeCohere fake;
    private Gateway gateway;

    @BeforeEach
    void start() {
        fake = new FakeCohere();
        gateway = Gateway.builder()
                .routing(RoutingSettings.DEFAULTS.withRetries(0)) // one upstream answer per request, as scripted
                .deployment(deployment("embed", "embed-english-v3.0", Map.of()))
                .deployment(deployment("embed-v4", "embed-v4.0", Map.of()))
                .deployment(deployment("embed-query", "embed-english-v3.0", Map.of("input_type", "search_query")))
                .deployment(deployment("embed-bad-type", "embed-english-v3.0", Map.of("input_type", "query")))
                .build();
    }

    private Deployment deployment(String name, String upstream, Map<String, String> options) {
        return Deployment.builder(name, "cohere").upstreamModel(upstream).baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).options(options).build();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static EmbeddingRequest texts(String model, Integer dimensions, String... texts) {
        return new EmbeddingRequest(model, new EmbeddingInput.Texts(List.of(texts)), dimensions, null, null);
    }

    @Test
    void textsGoToV2EmbedAsSearchDocumentsWithFloatVectorsAndBilledTokens() {
        fake.replyEmbeddings(1);
        EmbeddingResponse response = gateway.embed(texts("embed", null, "hello", "gatehouse"));
        fake.assertNoViolations();
        var request = fake.lastRequest();
        assertEquals("/v2/embed", request.pathOnly());
        assertEquals("embed-english-v3.0", request.json().get("model").asText());
        assertEquals("[\"hello\",\"gatehouse\"]", request.json().get("texts").toString());
        assertEquals("search_document", request.json().get("input_type").asText());
        assertEquals("[\"float\"]", request.json().get("embedding_types").toString());
        assertEquals("NONE", request.json().get("truncate").asText());
        assertFalse(request.json().has("output_dimension"));
        assertEquals("embed", response.model());
        assertEquals(2, response.data().size());
        assertEquals(5f, response.data().get(0).vector()[0]);
        assertEquals(9f, response.data().get(1).vector()[0]);
        assertEquals(1f, response.data().get(1).vector()[1]);
        assertEquals(14, response.usage().promptTokens(), "meta.billed_units.input_tokens");
    }

    @Test
    void moreThan96TextsGoInBatchesOf96InOrderWithTokensSummed() {
        fake.replyEmbeddings(3);
        String[] inputs = IntStream.range(0, 200).mapToObj(i -> "x".repeat(1 + i % 11)).toArray(String[]::new);
        EmbeddingResponse response = gateway.embed(texts("embed", null, inputs));
        fake.assertNoViolations();
        assertEquals(List.of(96, 96, 8), fake.requests().stream().map(r -> r.json().get("texts").size()).toList());
        assertEquals(200, response.data().size());
        int total = 0;
        for (int i = 0; i < 200; i++) {
            assertEquals(i, response.data().get(i).index());
            assertEquals(1f + i % 11, response.data().get(i).vector()[0], "input " + i + " keeps its place");
            total += 1 + i % 11;
        }
        assertEquals(total, response.usage().promptTokens());
    }

    @Test
    void dimensionsBecomeOutputDimensionOnV4Models() {
        fake.replyEmbeddings(1);
        EmbeddingResponse response = gateway.embed(texts("embed-v4", 256, "a"));
        fake.assertNoViolations();
        assertEquals(256, fake.lastRequest().json().get("output_dimension").asInt());
        assertEquals(256, response.data().getFirst().vector().length);
        assertEquals("dimensions", assertThrows(GatewayException.BadRequest.class,
                () -> gateway.embed(texts("embed-v4", 300, "a"))).param());
        assertEquals("dimensions", assertThrows(GatewayException.BadRequest.class,
                () -> gateway.embed(texts("embed", 256, "a"))).param(), "v3 models have fixed dimensions");
        assertEquals(1, fake.requests().size());
    }

    @Test
    void theDeploymentChoosesTheInputType() {
        fake.replyEmbeddings(1);
        gateway.embed(texts("embed-query", null, "what is a gateway?"));
        fake.assertNoViolations();
        assertEquals("search_query", fake.lastRequest().json().get("input_type").asText());
        GatewayException bad = assertThrows(GatewayException.BadRequest.class,
                () -> gateway.embed(texts("embed-bad-type", null, "a")));
        assertTrue(bad.getMessage().contains("input_type"), bad.getMessage());
        assertEquals(1, fake.requests().size());
    }

    @Test
    void tokenArraysAreRefusedByName() {
        assertEquals("input", assertThrows(GatewayException.BadRequest.class, () -> gateway.embed(new EmbeddingRequest(
                "embed", new EmbeddingInput.Tokens(List.of(List.of(1, 2))), null, null, null))).param());
        assertTrue(fake.requests().isEmpty());
    }

    /** {@code user} never changes a vector: Cohere's embed API has no field for it, so it is left out and named. */
    @Test
    void theEndUserIdIsLeftOutAndNamed() {
        fake.replyEmbeddings(1);
        RequestContext context = RequestContext.start();
        EmbeddingResponse response = gateway.call(context).embed(new EmbeddingRequest(
                "embed", new EmbeddingInput.Texts(List.of("a")), null, null, "end-user-4711"));
        assertEquals(1, response.data().size());
        fake.assertNoViolations();
        assertFalse(fake.requests().getLast().bodyText().contains("end-user-4711"), fake.requests().getLast().bodyText());
        assertEquals(List.of("user"), context.trace().dropped());
    }

    @Test
    void errorsAreCoheres() {
        fake.replyError(ScriptableFake.ErrorKind.RATE_LIMITED);
        assertEquals(429, assertThrows(GatewayException.class, () -> gateway.embed(texts("embed", null, "a"))).status());
        fake.replyError(ScriptableFake.ErrorKind.AUTHENTICATION);
        assertEquals(401, assertThrows(GatewayException.class, () -> gateway.embed(texts("embed", null, "a"))).status());
        assertEquals(2, fake.requests().size());
    }
}
