package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.cache.CacheSettings.ModelCache;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.openai.FakeOpenAiMedia;
import dev.gatehouse.testkit.openai.MediaDialect;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Embeddings through the response cache, per input: only the inputs it does not know go
 * upstream, the answer comes back in the caller's order, and a batch it knows whole is a hit
 * (docs/cache.md, "Embeddings"). The fake's vector for a text is {@code [its length, its position
 * in the upstream call, …]}, so each vector says which call made it.
 */
class EmbeddingsCacheHttpTest {

    private final FakeOpenAiMedia openAi = new FakeOpenAiMedia(MediaDialect.OPENAI);
    private Gatehouse gatehouse;
    private String key;

    @BeforeEach
    void start() {
        StoreSettings store = new StoreSettings("jdbc:h2:mem:embed-cache-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 4);
        ControlPlane control = ControlPlane.open(store, Optional.empty(), Duration.ofMillis(50));
        key = LimitedGateways.key(control, Limits.NONE);
        Deployment embed = Deployment.builder("embed", "openai").upstreamModel("text-embedding-3-small")
                .baseUrl(openAi.baseUrl()).apiKey(Secret.of(openAi.apiKey())).build();
        ServerSettings d = ServerSettings.defaults();
        gatehouse = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(5)), List.of(embed), Set.of("127.0.0.1"))
                .withRouting(TestStores.ONE_ATTEMPT).withCache(new CacheSettings(CacheSettings.Storage.MEMORY,
                        1 << 20, 1 << 16, new ModelCache(Duration.ofMinutes(5), false), Map.of())), control);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
        openAi.close();
    }

    private HttpResponse<String> embed(String inputs) {
        return LimitedGateways.post(gatehouse, "/v1/embeddings", key,
                "{\"model\":\"embed\",\"input\":" + inputs + "}");
    }

    /** Each embedding's first two numbers: the text's length and its position in the call that made it. */
    private static List<List<Integer>> origins(HttpResponse<String> response) {
        JsonNode data = Json.parseUpstream(response.body(), "test").path("data");
        List<List<Integer>> origins = new java.util.ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            assertEquals(i, data.get(i).path("index").asInt(), response.body());
            JsonNode vector = data.get(i).path("embedding");
            origins.add(List.of(vector.get(0).asInt(), vector.get(1).asInt()));
        }
        return origins;
    }

    @Test
    void onlyUnknownInputsGoUpstreamAndAKnownBatchIsAHit() {
        openAi.replyEmbeddings(2);
        HttpResponse<String> first = embed("[\"a\",\"bb\"]");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("miss", LimitedGateways.header(first, "x-gatehouse-cache"));
        assertEquals("0/2", LimitedGateways.header(first, "x-gatehouse-cache-known-inputs"));

        HttpResponse<String> second = embed("[\"bb\",\"ccc\",\"a\"]");
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("2/3", LimitedGateways.header(second, "x-gatehouse-cache-known-inputs"));
        assertEquals("[\"ccc\"]", openAi.lastRequest().json().path("input").toString(), "only the unknown input");
        assertEquals(List.of(List.of(2, 1), List.of(3, 0), List.of(1, 0)), origins(second),
                "bb and a from the first call, ccc from the second, in the caller's order");

        HttpResponse<String> third = embed("[\"ccc\",\"a\"]");
        assertEquals(200, third.statusCode(), third.body());
        assertEquals("hit", LimitedGateways.header(third, "x-gatehouse-cache"));
        assertEquals(List.of(List.of(3, 0), List.of(1, 0)), origins(third));
        assertEquals(2, openAi.requestCount(), "the known batch never went upstream");
    }

    @Test
    void aMaxAgeOrNoCacheAsksEveryInputAfresh() {
        openAi.replyEmbeddings(2);
        assertEquals("miss", LimitedGateways.header(embed("[\"a\"]"), "x-gatehouse-cache"));
        HttpResponse<String> aged = LimitedGateways.post(gatehouse, "/v1/embeddings", key,
                "{\"model\":\"embed\",\"input\":[\"a\"],\"cache\":{\"s-maxage\":60}}");
        assertEquals(200, aged.statusCode(), aged.body());
        assertEquals("bypass", LimitedGateways.header(aged, "x-gatehouse-cache"));
        assertEquals(2, openAi.requestCount());
        assertFalse(openAi.lastRequest().json().has("cache"), openAi.lastRequest().bodyText());
    }
}
