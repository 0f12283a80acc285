package dev.gatehouse.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.Usage;
import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.redis.SharedRedis;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The cache on a real redis-server: shared by instances, expired by Redis, skipped while Redis is down. */
class RedisResponseCacheTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private final MutableClock clock = new MutableClock();

    private static CachedAnswer answer(String body) {
        return new CachedAnswer("chat", body.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-12-01T10:00:00.123456789Z"),
                new Usage(12, 7, 3, null, 2));
    }

    private RedisResponseCache cache(SharedRedis redis) {
        return new RedisResponseCache(redis, 1 << 20, clock);
    }

    @Test
    void twoInstancesSharingOneRedisAnswerFromEachOthersStores() {
        try (TestRedis server = TestRedis.start();
                SharedRedis first = new SharedRedis(server.settings(RedisSettings.OnFailure.OPEN));
                SharedRedis second = new SharedRedis(server.settings(RedisSettings.OnFailure.OPEN))) {
            RedisResponseCache one = cache(first);
            RedisResponseCache two = cache(second);
            CachedAnswer answer = answer("{\"id\":\"chatcmpl-1\",\"choices\":[]}");
            CacheKey key = MemoryResponseCacheTest.key("team-a", "q");
            one.put(key, answer, HOUR);
            assertEquals(Optional.of(answer), two.get(key), "the whole answer, its time and usage, as stored");
            assertEquals(1, two.stats().hits());
            assertEquals(1, one.stats().stores());
            assertTrue(one.stats().storedBytes() > answer.body().length);
            assertEquals(-1, one.stats().heldBytes(), "Redis keeps that");
            assertTrue(two.get(MemoryResponseCacheTest.key("team-b", "q")).isEmpty(), "another tenant's key");
        }
    }

    @Test
    void redisHoldsEachAnswerForItsTtl() {
        try (TestRedis server = TestRedis.start();
                SharedRedis shared = new SharedRedis(server.settings(RedisSettings.OnFailure.OPEN));
                RedisClient raw = RedisClient.create("127.0.0.1", server.port())) {
            RedisResponseCache cache = cache(shared);
            CacheKey key = MemoryResponseCacheTest.key("t", "q");
            cache.put(key, answer("{}"), Duration.ofSeconds(90));
            long ttl = raw.pttl(RedisResponseCache.PREFIX + key.digest());
            assertTrue(ttl > 0 && ttl <= 90_000, "PTTL " + ttl);

            cache.put(key, answer("{}"), Duration.ofMillis(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (cache.get(key).isPresent() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(cache.get(key).isEmpty(), "Redis expired it");
        }
    }

    @Test
    void getAllReadsABatchInOneGo() {
        try (TestRedis server = TestRedis.start();
                SharedRedis shared = new SharedRedis(server.settings(RedisSettings.OnFailure.OPEN))) {
            RedisResponseCache cache = cache(shared);
            CachedAnswer a = answer("a");
            cache.put(MemoryResponseCacheTest.key("t", "a"), a, HOUR);
            Map<CacheKey, CachedAnswer> found = cache.getAll(List.of(MemoryResponseCacheTest.key("t", "a"),
                    MemoryResponseCacheTest.key("t", "b")));
            assertEquals(Map.of(MemoryResponseCacheTest.key("t", "a"), a), found);
            assertEquals(1, cache.stats().hits());
            assertEquals(1, cache.stats().misses());
        }
    }

    @Test
    void anEntryItCanNotReadIsAMiss() {
        try (TestRedis server = TestRedis.start();
                SharedRedis shared = new SharedRedis(server.settings(RedisSettings.OnFailure.OPEN))) {
            RedisResponseCache cache = cache(shared);
            CacheKey key = MemoryResponseCacheTest.key("t", "q");
            shared.set(RedisResponseCache.PREFIX + key.digest(), new byte[] {9, 1, 2}, HOUR);
            assertTrue(cache.get(key).isEmpty());
            byte[] whole = CachedAnswerCodec.encode(answer("{\"a\":1}"));
            assertNull(CachedAnswerCodec.decode(java.util.Arrays.copyOf(whole, whole.length - 1)), "cut short");
            assertEquals(1, cache.stats().misses());
        }
    }

    @Test
    void anAnswerLargerThanItTakesIsNotStored() {
        try (TestRedis server = TestRedis.start();
                SharedRedis shared = new SharedRedis(server.settings(RedisSettings.OnFailure.OPEN))) {
            RedisResponseCache cache = new RedisResponseCache(shared, 100, clock);
            cache.put(MemoryResponseCacheTest.key("t", "q"), answer("x".repeat(200)), HOUR);
            assertTrue(cache.get(MemoryResponseCacheTest.key("t", "q")).isEmpty());
            assertEquals(1, cache.stats().tooLarge());
        }
    }

    @Test
    void redisKilledMidTestMakesMissesNotErrorsAndComesBack() {
        TestRedis server = TestRedis.start();
        try (SharedRedis shared = new SharedRedis(server.settings(RedisSettings.OnFailure.CLOSED))) {
            RedisResponseCache cache = cache(shared);
            CacheKey key = MemoryResponseCacheTest.key("t", "q");
            cache.put(key, answer("{}"), HOUR);
            assertTrue(cache.get(key).isPresent());
            assertFalse(cache.degraded());

            server.kill();
            assertTrue(cache.get(key).isEmpty(), "a miss, not an error");
            assertTrue(cache.degraded());
            long failures = shared.failures();
            assertTrue(cache.get(key).isEmpty());
            cache.put(key, answer("{}"), HOUR);
            assertTrue(cache.getAll(List.of(key)).isEmpty());
            assertEquals(failures, shared.failures(), "while down, nothing is asked until the next probe");
            assertEquals(4, cache.stats().unavailable());

            clock.advance(RedisResponseCache.PROBE_EVERY);
            assertTrue(cache.get(key).isEmpty(), "the probe finds Redis still down");
            assertEquals(failures + 1, shared.failures());

            server.restart();
            clock.advance(RedisResponseCache.PROBE_EVERY);
            assertTrue(cache.get(key).isEmpty(), "the probe reaches the new, empty Redis: a miss");
            assertFalse(cache.degraded());
            cache.put(key, answer("{}"), HOUR);
            assertTrue(cache.get(key).isPresent());
            StringBuilder out = new StringBuilder();
            cache.scrape(out);
            assertTrue(out.toString().contains("gatehouse_cache_unavailable_total{storage=\"redis\"} 5\n"), out.toString());
            assertFalse(out.toString().contains("gatehouse_cache_bytes{"), "Redis holds the bytes, not us");
        } finally {
            server.close();
        }
    }

    @Test
    void aFullRedisRefusingAStoreIsNotRedisDown() {
        try (TestRedis server = TestRedis.start();
                SharedRedis shared = new SharedRedis(server.settings(RedisSettings.OnFailure.CLOSED));
                RedisClient raw = RedisClient.create("127.0.0.1", server.port())) {
            RedisResponseCache cache = cache(shared);
            raw.configSet("maxmemory-policy", "noeviction");
            raw.configSet("maxmemory", "1");
            cache.put(MemoryResponseCacheTest.key("t", "q"), answer("{}"), HOUR);
            assertFalse(cache.degraded(), "Redis answered; shared limits stay on it");
            assertTrue(shared.isAvailable());
            assertEquals(0, cache.stats().stores());
            assertEquals(1, cache.stats().unavailable());
        }
    }
}
