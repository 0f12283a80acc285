package dev.gatehouse.provider.cohere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.RerankResponse;
import dev.gatehouse.api.wire.RerankJson;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.cohere.FakeCohere;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rerank through the gateway on Cohere's {@code POST /v2/rerank} (https://docs.cohere.com/reference/rerank). */
class CohereRerankTest {

    private final FakeCohere fake = new FakeCohere();
    private final Gateway gateway = Gateway.builder().transport(new JdkHttpTransport(Duration.ofSeconds(5)))
            .deployment(Deployment.builder("rerank", "cohere").upstreamModel("rerank-v3.5").baseUrl(fake.baseUrl())
                    .apiKey(Secret.of(fake.apiKey())).build())
            .deployment(Deployment.builder("chat-only", "mock").build())
            .build();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void ordersDocumentsMostRelevantFirst() {
        fake.replyRerank(List.of(0.2, 0.95, 0.4));
        RerankResponse response = gateway.rerank(new RerankRequest("rerank", "capital of the US?",
                List.of("Carson City", "Washington, D.C.", "Capital punishment"), 2, false, 512));
        fake.assertNoViolations();
        assertEquals("rerank", response.model());
        assertEquals(List.of(1, 2), response.results().stream().map(RerankResponse.Result::index).toList());
        assertEquals(0.95, response.results().getFirst().relevanceScore());
        assertNull(response.results().getFirst().document(), "documents only when asked for");
        assertEquals(1, response.searchUnits());
        assertEquals(Json.parseUpstream("""
                {"model":"rerank-v3.5","query":"capital of the US?",
                 "documents":["Carson City","Washington, D.C.","Capital punishment"],"top_n":2,"max_tokens_per_doc":512}
                """, "t"), fake.lastRequest().json());
    }

    @Test
    void documentsComeBackWhenAskedFor() {
        fake.replyRerank(List.of(0.1, 0.7));
        RerankResponse response = gateway.rerank(new RerankRequest("rerank", "q", List.of("a", "b"), null, true, null));
        assertEquals("b", response.results().getFirst().document());
        assertEquals(Json.parseUpstream("""
                {"id":"%s","model":"rerank","results":[{"index":1,"relevance_score":0.7,"document":{"text":"b"}},
                 {"index":0,"relevance_score":0.1,"document":{"text":"a"}}],"meta":{"billed_units":{"search_units":1}}}
                """.formatted(response.id()), "t"), RerankJson.write(response));
    }

    @Test
    void aModelThatDoesNotRerankIsRefused() {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> gateway.rerank(new RerankRequest("chat-only", "q", List.of("a"), null, false, null)));
        assertEquals("model", error.param());
    }

    @Test
    void cohereErrorsKeepTheirKind() {
        fake.replyError(ErrorKind.RATE_LIMITED);
        assertInstanceOf(GatewayException.RateLimited.class,
                assertThrows(GatewayException.class, () -> gateway.rerank(new RerankRequest("rerank", "q",
                        List.of("a"), null, false, null))));
    }

    @Test
    void theFrontDoorRefusesWhatItCanNotRead() {
        assertEquals("documents[1]", assertThrows(GatewayException.BadRequest.class, () -> RerankJson.read(
                Json.parseUpstream("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\",3]}", "t"))).param());
        assertEquals("top_n", assertThrows(GatewayException.BadRequest.class, () -> RerankJson.read(
                Json.parseUpstream("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\"],\"top_n\":0}", "t"))).param());
        assertEquals("query", assertThrows(GatewayException.BadRequest.class, () -> RerankJson.read(
                Json.parseUpstream("{\"model\":\"m\",\"documents\":[\"a\"]}", "t"))).param());
    }
}
