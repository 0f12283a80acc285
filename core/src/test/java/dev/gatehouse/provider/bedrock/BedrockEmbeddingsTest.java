package dev.gatehouse.provider.bedrock;

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
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.bedrock.FakeBedrock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Embeddings on Bedrock through InvokeModel, against the strict fake (which checks every SigV4
 * signature): Titan Text Embeddings V2
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html) and
 * Cohere Embed v3 (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v3.html).
 */
class BedrockEmbeddingsTest {

    private FakeBedrock fake;
    private Gateway gateway;

    @BeforeEach
    void start() {
        fake = new FakeBedrock();
        gateway = Gateway.builder()
                .deployment(deployment("titan", "amazon.titan-embed-text-v2:0", Map.of()))
                .deployment(deployment("cohere", "cohere.embed-multilingual-v3", Map.of()))
                .deployment(deployment("cohere-query", "cohere.embed-english-v3", Map.of("input_type", "search_query")))
                .deployment(deployment("titan-g1", "amazon.titan-embed-text-v1", Map.of()))
                .build();
    }

    private Deployment deployment(String name, String upstream, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(extra);
        options.put("region", FakeBedrock.REGION);
        return Deployment.builder(name, "bedrock").upstreamModel(upstream).baseUrl(fake.baseUrl()).options(options)
                .credential("aws_access_key_id", Secret.of(FakeBedrock.ACCESS_KEY_ID))
                .credential("aws_secret_access_key", Secret.of(fake.apiKey())).build();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static EmbeddingRequest texts(String model, Integer dimensions, String... texts) {
        return new EmbeddingRequest(model, new EmbeddingInput.Texts(List.of(texts)), dimensions, null, null);
    }

    @Test
    void titanTakesOneTextPerSignedInvokeCall() {
        fake.replyEmbeddings(1);
        EmbeddingResponse response = gateway.embed(texts("titan", 256, "hello"));
        fake.assertNoViolations();
        var request = fake.lastRequest();
        assertEquals("/model/amazon.titan-embed-text-v2%3A0/invoke", request.pathOnly());
        assertTrue(request.header("authorization").orElseThrow().startsWith("AWS4-HMAC-SHA256 "));
        assertEquals("{\"inputText\":\"hello\",\"dimensions\":256,\"normalize\":true}", request.json().toString());
        assertEquals("titan", response.model());
        assertEquals(256, response.data().getFirst().vector().length);
        assertEquals(5f, response.data().getFirst().vector()[0]);
        assertEquals(5, response.usage().promptTokens(), "inputTextTokenCount");
    }

    @Test
    void titanWithSeveralInputsMakesOneCallEachInOrderAndSumsTokens() {
        fake.replyEmbeddings(3);
        EmbeddingResponse response = gateway.embed(texts("titan", null, "a", "abcd", "ab"));
        fake.assertNoViolations();
        assertEquals(List.of("a", "abcd", "ab"),
                fake.requests().stream().map(r -> r.json().get("inputText").asText()).toList());
        assertEquals(List.of(0, 1, 2), response.data().stream().map(EmbeddingResponse.Embedding::index).toList());
        assertEquals(List.of(1f, 4f, 2f), response.data().stream().map(e -> e.vector()[0]).toList());
        assertEquals(1024, response.data().getFirst().vector().length);
        assertEquals(7, response.usage().promptTokens());
    }

    @Test
    void titanRefusesDimensionsItDoesNotTake() {
        assertEquals("dimensions", assertThrows(GatewayException.BadRequest.class,
                () -> gateway.embed(texts("titan", 768, "a"))).param());
        assertTrue(fake.requests().isEmpty());
    }

    @Test
    void cohereOnBedrockTakes96TextsPerCallAsSearchDocuments() {
        fake.replyEmbeddings(2);
        String[] inputs = IntStream.range(0, 100).mapToObj(i -> "y".repeat(1 + i % 7)).toArray(String[]::new);
        EmbeddingResponse response = gateway.embed(texts("cohere", null, inputs));
        fake.assertNoViolations();
        assertEquals("/model/cohere.embed-multilingual-v3/invoke", fake.lastRequest().pathOnly());
        assertEquals(List.of(96, 4), fake.requests().stream().map(r -> r.json().get("texts").size()).toList());
        var body = fake.requests().getFirst().json();
        assertEquals("search_document", body.get("input_type").asText());
        assertEquals("[\"float\"]", body.get("embedding_types").toString());
        assertEquals("NONE", body.get("truncate").asText());
        assertEquals(100, response.data().size());
        int tokens = 0;
        for (int i = 0; i < 100; i++) {
            assertEquals(i, response.data().get(i).index());
            assertEquals(1f + i % 7, response.data().get(i).vector()[0], "input " + i + " keeps its place");
            tokens += 1 + i % 7;
        }
        assertEquals(tokens, response.usage().promptTokens(), "from x-amzn-bedrock-input-token-count");
    }

    @Test
    void cohereOnBedrockTakesItsInputTypeFromTheDeploymentAndRefusesDimensions() {
        fake.replyEmbeddings(1);
        gateway.embed(texts("cohere-query", null, "where?"));
        fake.assertNoViolations();
        assertEquals("search_query", fake.lastRequest().json().get("input_type").asText());
        assertEquals("dimensions", assertThrows(GatewayException.BadRequest.class,
                () -> gateway.embed(texts("cohere", 512, "a"))).param());
        assertEquals(1, fake.requests().size());
    }

    @Test
    void thePlainListAnswerOfCohereWithoutEmbeddingTypesIsReadToo() {
        var answer = Json.parseUpstream("{\"id\":\"x\",\"embeddings\":[[0.5,1.5],[2.5,3.5]],\"texts\":[\"a\",\"b\"],"
                + "\"response_type\":\"embeddings_floats\"}", "Bedrock");
        EmbeddingResponse response = BedrockEmbeddings.toResponse(answer,
                texts("cohere.embed-english-v3", null, "a", "b"), null);
        assertEquals(2, response.data().size());
        assertEquals(2.5f, response.data().get(1).vector()[0]);
        assertNull(response.usage(), "no header, no invented count");
    }

    @Test
    void otherModelsAndTokenArraysAreRefusedByName() {
        GatewayException other = assertThrows(GatewayException.BadRequest.class,
                () -> gateway.embed(texts("titan-g1", null, "a")));
        assertEquals("model", other.param());
        assertTrue(other.getMessage().contains("amazon.titan-embed-text-v1"), other.getMessage());
        assertEquals("input", assertThrows(GatewayException.BadRequest.class, () -> gateway.embed(new EmbeddingRequest(
                "titan", new EmbeddingInput.Tokens(List.of(List.of(1, 2))), null, null, null))).param());
        assertTrue(fake.requests().isEmpty());
    }

    /** {@code user} never changes a vector: Bedrock's embedding models has no field for it, so it is left out and named. */
    @Test
    void theEndUserIdIsLeftOutAndNamed() {
        fake.replyEmbeddings(1);
        RequestContext context = RequestContext.start();
        EmbeddingResponse response = gateway.call(context).embed(new EmbeddingRequest(
                "titan", new EmbeddingInput.Texts(List.of("a")), null, null, "end-user-4711"));
        assertEquals(1, response.data().size());
        fake.assertNoViolations();
        assertFalse(fake.requests().getLast().bodyText().contains("end-user-4711"), fake.requests().getLast().bodyText());
        assertEquals(List.of("user"), context.trace().dropped());
    }

    @Test
    void aBedrockApiKeyWorksForInvokeToo() {
        Gateway withKey = Gateway.builder().deployment(Deployment.builder("titan", "bedrock")
                .upstreamModel("amazon.titan-embed-text-v2:0").baseUrl(fake.baseUrl())
                .options(Map.of("region", FakeBedrock.REGION)).apiKey(Secret.of(fake.apiKey())).build()).build();
        fake.replyEmbeddings(1);
        assertEquals(3f, withKey.embed(texts("titan", null, "abc")).data().getFirst().vector()[0]);
        fake.assertNoViolations();
        assertEquals("Bearer " + fake.apiKey(), fake.lastRequest().header("authorization").orElseThrow());
    }

    @Test
    void errorsAreBedrocks() {
        fake.replyError(ScriptableFake.ErrorKind.RATE_LIMITED);
        assertEquals(429, assertThrows(GatewayException.class, () -> gateway.embed(texts("titan", null, "a"))).status());
        fake.replyError(ScriptableFake.ErrorKind.NOT_FOUND);
        assertEquals(404, assertThrows(GatewayException.class, () -> gateway.embed(texts("cohere", null, "a"))).status());
        assertFalse(fake.requests().isEmpty());
    }
}
