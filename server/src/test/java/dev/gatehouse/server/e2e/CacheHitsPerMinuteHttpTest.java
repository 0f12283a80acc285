package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.TeamDraft;
import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.cache.CacheSettings.ModelCache;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
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
 * {@code count_hits_in_rpm}: on a model that says so, a cache hit counts against the key's
 * requests per minute, so the request past the limit is a 429 although it is a hit; on any other
 * model a hit never counts (docs/cache.md, "What a hit looks like").
 */
class CacheHitsPerMinuteHttpTest {

    private static final int RPM = 3;

    private final FakeOpenAi openAi = new FakeOpenAi();
    private Gatehouse gatehouse;
    private String key;

    @BeforeEach
    void start() {
        StoreSettings store = new StoreSettings("jdbc:h2:mem:cache-rpm-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 4);
        ControlPlane control = ControlPlane.open(store, Optional.empty(), Duration.ofMillis(50));
        String team = control.keys().createTeam(new TeamDraft("a", List.of("*"), Limits.NONE, Json.object()),
                Actor.CLI).id();
        key = control.keys().createKey(new KeyDraft("cached", team, List.of("*"), Set.of(), List.of(), null,
                new Limits(null, null, null, null, RPM, null, null), Json.object()), Actor.CLI).secret();
        Deployment counted = Deployment.builder("counted", "openai").upstreamModel("gpt-4o").baseUrl(openAi.baseUrl())
                .apiKey(Secret.of(openAi.apiKey())).build();
        Deployment free = Deployment.builder("free", "openai").upstreamModel("gpt-4o").baseUrl(openAi.baseUrl())
                .apiKey(Secret.of(openAi.apiKey())).build();
        ServerSettings d = ServerSettings.defaults();
        gatehouse = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(5)), List.of(counted, free),
                Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT).withCache(new CacheSettings(
                        CacheSettings.Storage.MEMORY, 1 << 20, 1 << 16, new ModelCache(Duration.ofMinutes(5), false),
                        Map.of("counted", new ModelCache(Duration.ofMinutes(5), false, true)))), control);
    }

    @AfterEach
    void stop() {
        gatehouse.close();
        openAi.close();
    }

    private HttpResponse<String> chat(String model) {
        return chat(model, false);
    }

    private HttpResponse<String> chat(String model, boolean stream) {
        String body = "{\"model\":\"" + model + "\"," + (stream ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"capital of France?\"}]}";
        return LimitedGateways.post(gatehouse, "/v1/chat/completions", key, body);
    }

    private static String cache(HttpResponse<?> response) {
        return response.headers().firstValue("x-gatehouse-cache").orElse(null);
    }

    @Test
    void withTheSettingTheHitPastTheLimitIsA429() {
        openAi.replyText("Paris.", new FakeUsage(20, 2));
        assertEquals("miss", cache(chat("counted")), "the first request, counted by admission");
        for (int i = 1; i < RPM; i++) {
            HttpResponse<String> hit = chat("counted");
            assertEquals(200, hit.statusCode(), hit.body());
            assertEquals("hit", cache(hit));
            assertEquals(Integer.toString(RPM - 1 - i),
                    hit.headers().firstValue("x-ratelimit-remaining-requests").orElse(""), "a hit is counted");
        }
        HttpResponse<String> refused = chat("counted");
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("rate_limit_exceeded", Json.parseUpstream(refused.body(), "test").path("error").path("code")
                .asText(), refused.body());
        assertEquals(1, openAi.requestCount());
    }

    @Test
    void aStreamedHitIsCountedToo() {
        openAi.replyText("Paris.", new FakeUsage(20, 2));
        assertEquals("miss", cache(chat("counted")));
        for (int i = 1; i < RPM; i++) {
            HttpResponse<String> hit = chat("counted", true);
            assertEquals("hit", cache(hit), hit.body());
            assertTrue(hit.body().contains("Paris."), hit.body());
        }
        HttpResponse<String> refused = chat("counted", true);
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals(1, openAi.requestCount());
    }

    @Test
    void withoutItHitsNeverCount() {
        openAi.replyText("Paris.", new FakeUsage(20, 2));
        openAi.replyText("Paris, counted.", new FakeUsage(20, 2));
        assertEquals("miss", cache(chat("free")));
        for (int i = 0; i < RPM + 2; i++) {
            HttpResponse<String> hit = chat("free");
            assertEquals(200, hit.statusCode(), hit.body());
            assertEquals("hit", cache(hit));
        }
        HttpResponse<String> next = chat("counted");
        assertEquals(200, next.statusCode(), next.body());
        assertEquals(Integer.toString(RPM - 2), next.headers().firstValue("x-ratelimit-remaining-requests").orElse(""),
                "the minute holds the two requests that went upstream, none of the hits");
        assertEquals(2, openAi.requestCount());
    }
}
