package dev.gatehouse.server.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.redis.SharedRedis;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestRedis;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which store counts: Redis while it answers, then memory or a 503 by on_failure, and Redis again once it is back. */
class LimitStoresTest {

    private TestRedis server;
    private final LimitMetrics metrics = new LimitMetrics();

    @BeforeEach
    void startRedis() {
        server = TestRedis.start();
    }

    @AfterEach
    void stopRedis() {
        server.close();
    }

    private LimitStores stores(RedisSettings.OnFailure onFailure) {
        return new LimitStores(new SharedRedis(server.settings(onFailure)), new MutableClock(), metrics);
    }

    @Test
    void withoutRedisEveryTakeIsThisInstances() {
        try (LimitStores stores = new LimitStores(null, new MutableClock(), metrics)) {
            assertInstanceOf(LocalLimitStore.class, stores.current());
            assertEquals(Limiter.Health.UP, stores.health());
        }
    }

    @Test
    void failingClosedRefusesWhileRedisIsDownAndComesBackWithIt() {
        try (LimitStores stores = stores(RedisSettings.OnFailure.CLOSED)) {
            assertInstanceOf(RedisLimitStore.class, stores.current());
            server.kill();
            stores.redis().ping();
            assertEquals(Limiter.Health.DOWN, stores.health());
            assertThrows(LimitErrors.Unavailable.class, stores::current);
            server.restart();
            assertTrue(await(() -> stores.health() == Limiter.Health.UP), "the ping loop sees Redis back");
            assertInstanceOf(RedisLimitStore.class, stores.current());
        }
        StringBuilder scraped = new StringBuilder();
        metrics.scrape(scraped, null);
        assertTrue(scraped.toString().contains("gatehouse_limit_refusals_total{reason=\"unavailable\"} 1"),
                scraped.toString());
    }

    @Test
    void failingOpenCountsInMemoryWhileRedisIsDown() {
        try (LimitStores stores = stores(RedisSettings.OnFailure.OPEN)) {
            server.kill();
            stores.redis().ping();
            assertEquals(Limiter.Health.DEGRADED, stores.health());
            assertInstanceOf(LocalLimitStore.class, stores.current());
            assertInstanceOf(LocalLimitStore.class, stores.fallback());
            StringBuilder scraped = new StringBuilder();
            metrics.scrape(scraped, stores.redis());
            assertTrue(scraped.toString().contains("gatehouse_limit_fallbacks_total 2"), scraped.toString());
        }
    }

    private static boolean await(BooleanSupplier condition) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return false;
    }
}
