package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.cache.CacheSettings.ModelCache;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.spend.SpendSettings;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestRedis;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The response cache on Redis, over HTTP: what one instance stored, another answers; with Redis
 * gone every request is answered fresh (a miss, never an error), readiness says the cache is
 * degraded, and the counters are on {@code /metrics}.
 */
class SharedResponseCacheTest {

    private static final CacheSettings ON_REDIS = new CacheSettings(CacheSettings.Storage.REDIS,
            CacheSettings.DEFAULT_MAX_BYTES, CacheSettings.DEFAULT_MAX_ENTRY_BYTES,
            new ModelCache(Duration.ofMinutes(5), false), Map.of());

    /** One store for both instances: an H2 database in memory is shared within the JVM by its name. */
    private final StoreSettings store = new StoreSettings("jdbc:h2:mem:shared-cache-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            Optional.empty(), Optional.empty(), 4);

    private Gatehouse instance(TestRedis redis) {
        ServerSettings d = ServerSettings.defaults();
        GatehouseConfig config = new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(1)),
                List.of(Deployment.builder("mock", "mock").build()), Set.of("127.0.0.1"), Map.of(), Map.of(),
                SpendSettings.defaults(), dev.gatehouse.server.testing.TestStores.ONE_ATTEMPT,
                redis.settings(RedisSettings.OnFailure.OPEN)).withCache(ON_REDIS);
        return Gatehouse.start(config, ControlPlane.open(store, Optional.empty(), ControlPlane.DEFAULT_FEED_INTERVAL),
                Clock.systemUTC());
    }

    private static HttpResponse<String> ask(Gatehouse gatehouse, String key, String prompt) {
        return LimitedGateways.post(gatehouse, "/v1/chat/completions", key, "{\"model\":\"mock\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}");
    }

    @Test
    void oneInstanceAnswersWhatAnotherStoredAndRedisDownIsAMissNotAnError() {
        try (TestRedis redis = TestRedis.start(); Gatehouse a = instance(redis); Gatehouse b = instance(redis)) {
            String key = LimitedGateways.key(a.control(), Limits.NONE);
            HttpResponse<String> first = ask(a, key, "shared");
            assertEquals(200, first.statusCode(), first.body());
            assertEquals("miss", LimitedGateways.header(first, "x-gatehouse-cache"));
            HttpResponse<String> other = ask(b, key, "shared");
            assertEquals(200, other.statusCode(), other.body());
            assertEquals("hit", LimitedGateways.header(other, "x-gatehouse-cache"), "stored by the other instance");
            assertEquals(first.body(), other.body());
            assertTrue(b.metrics().scrape().contains("gatehouse_cache_hits_total{storage=\"redis\"} 1"),
                    b.metrics().scrape());
            assertTrue(a.metrics().scrape().contains("gatehouse_cache_stores_total{storage=\"redis\"} 1"));

            redis.kill();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> fresh = ask(a, key, "shared");
                assertEquals(200, fresh.statusCode(), fresh.body());
                assertEquals("miss", LimitedGateways.header(fresh, "x-gatehouse-cache"));
            }
            HttpResponse<String> readiness = LimitedGateways.get(a, "/health/readiness");
            assertEquals(200, readiness.statusCode(), "a cache that can not be reached does not stop serving");
            assertTrue(readiness.body().contains("\"cache\":\"degraded\""), readiness.body());
        }
    }
}
