package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.cohere.FakeCohere;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/rerank} on the real server, in Cohere's rerank format (as LiteLLM's proxy takes
 * it), served by the fake Cohere; a model whose provider does not rerank is a clear 400.
 */
class RerankRouteTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final FakeCohere cohere = new FakeCohere();
    private final TestStores.Started gatehouse = TestStores.start(new GatehouseConfig(
            new ServerSettings("127.0.0.1", 0, 1 << 20, 100, 16 * 1024, Duration.ofSeconds(2)),
            List.of(Deployment.builder("rerank", "cohere").upstreamModel("rerank-v3.5").baseUrl(cohere.baseUrl())
                            .apiKey(Secret.of(cohere.apiKey())).timeout(Duration.ofSeconds(5)).build(),
                    Deployment.builder("mock", "mock").build()),
            Set.of("127.0.0.1")));

    @AfterEach
    void close() {
        gatehouse.close();
        cohere.close();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                .header("content-type", "application/json").header("authorization", "Bearer " + gatehouse.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void reranksInCoheresFormat() throws Exception {
        cohere.replyRerank(List.of(0.1, 0.9, 0.5));
        HttpResponse<String> response = post("/v1/rerank", """
                {"model":"rerank","query":"What is the capital of the United States?",
                 "documents":["Carson City is the capital of Nevada.",
                   {"text":"Washington, D.C. is the capital of the United States."},
                   "Capital punishment has existed in the United States since before it was a country."],
                 "top_n":2,"return_documents":true}
                """);
        assertEquals(200, response.statusCode(), response.body());
        cohere.assertNoViolations();
        JsonNode body = Json.parseUpstream(response.body(), "test");
        assertEquals("rerank", body.path("model").asText());
        assertEquals(2, body.path("results").size());
        assertEquals(1, body.path("results").get(0).path("index").asInt());
        assertEquals(0.9, body.path("results").get(0).path("relevance_score").asDouble());
        assertEquals("Washington, D.C. is the capital of the United States.",
                body.path("results").get(0).path("document").path("text").asText());
        assertEquals(2, body.path("results").get(1).path("index").asInt());
        assertEquals(1, body.path("meta").path("billed_units").path("search_units").asInt());
        JsonNode sent = cohere.lastRequest().json();
        assertEquals("rerank-v3.5", sent.path("model").asText());
        assertFalse(sent.has("return_documents"), "Cohere's v2 rerank has no return_documents");
    }

    @Test
    void theRouteWithoutV1AlsoServes() throws Exception {
        cohere.replyRerank(List.of(0.3));
        assertEquals(200, post("/rerank", "{\"model\":\"rerank\",\"query\":\"q\",\"documents\":[\"d\"]}").statusCode());
    }

    @Test
    void badRequestsAreClearErrorsNamingTheField() throws Exception {
        HttpResponse<String> notReranker = post("/v1/rerank", "{\"model\":\"mock\",\"query\":\"q\",\"documents\":[\"d\"]}");
        assertEquals(400, notReranker.statusCode());
        assertEquals("model", Json.parseUpstream(notReranker.body(), "t").path("error").path("param").asText());
        HttpResponse<String> noDocs = post("/v1/rerank", "{\"model\":\"rerank\",\"query\":\"q\",\"documents\":[]}");
        assertEquals(400, noDocs.statusCode());
        assertEquals("documents", Json.parseUpstream(noDocs.body(), "t").path("error").path("param").asText());
        HttpResponse<String> unknown = post("/v1/rerank", "{\"model\":\"rerank\",\"query\":\"q\",\"documents\":[\"d\"],"
                + "\"rank_fields\":[\"x\"]}");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("rank_fields"));
        assertEquals(404, post("/v1/rerank", "{\"model\":\"nope\",\"query\":\"q\",\"documents\":[\"d\"]}").statusCode());
        assertTrue(cohere.requests().isEmpty(), "nothing reached Cohere");
    }
}
