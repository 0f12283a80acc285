package dev.gatehouse.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The in-memory cache: its byte bound and LRU eviction, TTL, tenants, counters. */
class MemoryResponseCacheTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private final MutableClock clock = new MutableClock();

    static CacheKey key(String tenant, String prompt) {
        return CacheKey.of(new CacheNamespace.Team(tenant), "chat", "gpt-4o",
                Json.object().put("model", "gpt-4o").put("prompt", prompt));
    }

    /** An answer whose entry costs exactly {@code entryBytes} by the cache's own estimate. */
    private CachedAnswer answerOf(int entryBytes) {
        return new CachedAnswer("chat", new byte[entryBytes - "chat".length() - MemoryResponseCache.ENTRY_OVERHEAD],
                clock.instant(), Usage.of(10, 5));
    }

    @Test
    void keepsAnAnswerUntilItsTtlEnds() {
        MemoryResponseCache cache = new MemoryResponseCache(1 << 20, 1 << 20, clock);
        CachedAnswer answer = answerOf(1000);
        cache.put(key("t", "a"), answer, Duration.ofSeconds(60));
        assertEquals(Optional.of(answer), cache.get(key("t", "a")));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(cache.get(key("t", "a")).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), cache.get(key("t", "a")), "expired at its ttl");
        assertEquals(0, cache.stats().heldBytes(), "an expired answer found is dropped");
        assertEquals(0, cache.stats().entries());
        assertEquals(2, cache.stats().hits());
        assertEquals(1, cache.stats().misses());
    }

    @Test
    void staysWithinItsBytesDroppingTheLeastRecentlyUsed() {
        MemoryResponseCache cache = new MemoryResponseCache(3000, 3000, clock);
        cache.put(key("t", "a"), answerOf(1000), HOUR);
        cache.put(key("t", "b"), answerOf(1000), HOUR);
        cache.put(key("t", "c"), answerOf(1000), HOUR);
        assertEquals(3000, cache.stats().heldBytes());
        assertTrue(cache.get(key("t", "a")).isPresent(), "a is now the most recently used");

        cache.put(key("t", "d"), answerOf(1000), HOUR);
        assertTrue(cache.stats().heldBytes() <= 3000);
        assertTrue(cache.get(key("t", "b")).isEmpty(), "b, least recently used, made room");
        assertTrue(cache.get(key("t", "a")).isPresent());
        assertTrue(cache.get(key("t", "c")).isPresent());
        assertTrue(cache.get(key("t", "d")).isPresent());
        assertEquals(1, cache.stats().evictions());

        cache.put(key("t", "e"), answerOf(2500), HOUR);
        assertTrue(cache.stats().heldBytes() <= 3000, "as many go as the new one needs");
        assertEquals(1, cache.stats().entries());
        assertEquals(4, cache.stats().evictions());
    }

    @Test
    void expiredAnswersMakingRoomAreNotCountedAsEvictions() {
        MemoryResponseCache cache = new MemoryResponseCache(2000, 2000, clock);
        cache.put(key("t", "a"), answerOf(1000), Duration.ofSeconds(1));
        cache.put(key("t", "b"), answerOf(1000), HOUR);
        clock.advance(Duration.ofSeconds(2));
        cache.put(key("t", "c"), answerOf(1000), HOUR);
        assertEquals(0, cache.stats().evictions());
        assertEquals(2000, cache.stats().heldBytes());
    }

    @Test
    void anAnswerLargerThanItTakesIsNotKeptAndDropsNothing() {
        MemoryResponseCache cache = new MemoryResponseCache(10_000, 2000, clock);
        cache.put(key("t", "a"), answerOf(1000), HOUR);
        cache.put(key("t", "big"), answerOf(2001), HOUR);
        assertTrue(cache.get(key("t", "big")).isEmpty());
        assertTrue(cache.get(key("t", "a")).isPresent());
        assertEquals(1, cache.stats().tooLarge());
    }

    @Test
    void replacingAnAnswerCountsOnlyTheNewOne() {
        MemoryResponseCache cache = new MemoryResponseCache(10_000, 10_000, clock);
        cache.put(key("t", "a"), answerOf(1000), HOUR);
        CachedAnswer second = answerOf(1500);
        cache.put(key("t", "a"), second, HOUR);
        assertEquals(1500, cache.stats().heldBytes());
        assertEquals(Optional.of(second), cache.get(key("t", "a")));
    }

    @Test
    void aZeroTtlKeepsNothing() {
        MemoryResponseCache cache = new MemoryResponseCache(10_000, 10_000, clock);
        cache.put(key("t", "a"), answerOf(1000), Duration.ZERO);
        assertTrue(cache.get(key("t", "a")).isEmpty());
        assertEquals(0, cache.stats().stores());
    }

    @Test
    void oneTenantNeverReceivesAnothersAnswer() {
        MemoryResponseCache cache = new MemoryResponseCache(10_000, 10_000, clock);
        cache.put(key("team-a", "same question"), answerOf(1000), HOUR);
        assertTrue(cache.get(key("team-b", "same question")).isEmpty());
        assertTrue(cache.get(key("team-a", "same question")).isPresent());
    }

    @Test
    void getAllFindsSeveralAtOnce() {
        MemoryResponseCache cache = new MemoryResponseCache(10_000, 10_000, clock);
        CachedAnswer a = answerOf(1000);
        cache.put(key("t", "a"), a, HOUR);
        Map<CacheKey, CachedAnswer> found = cache.getAll(List.of(key("t", "a"), key("t", "b")));
        assertEquals(Map.of(key("t", "a"), a), found);
        assertEquals(1, cache.stats().hits());
        assertEquals(1, cache.stats().misses());
    }

    @Test
    void scrapesItsCountersAndGauges() {
        MemoryResponseCache cache = new MemoryResponseCache(10_000, 10_000, clock);
        cache.put(key("t", "a"), answerOf(1000), HOUR);
        cache.get(key("t", "a"));
        cache.get(key("t", "b"));
        StringBuilder out = new StringBuilder();
        cache.scrape(out);
        String text = out.toString();
        assertTrue(text.contains("gatehouse_cache_hits_total{storage=\"memory\"} 1\n"), text);
        assertTrue(text.contains("gatehouse_cache_misses_total{storage=\"memory\"} 1\n"), text);
        assertTrue(text.contains("gatehouse_cache_stores_total{storage=\"memory\"} 1\n"), text);
        assertTrue(text.contains("gatehouse_cache_bytes{storage=\"memory\"} 1000\n"), text);
        assertTrue(text.contains("gatehouse_cache_entries{storage=\"memory\"} 1\n"), text);
        assertTrue(text.contains("# TYPE gatehouse_cache_evictions_total counter\n"), text);
        assertFalse(cache.degraded());
    }

    @Test
    void anAnswerShowsNoBodyWhenPrinted() {
        CachedAnswer answer = new CachedAnswer("chat", "{\"secret\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                clock.instant(), null);
        assertFalse(answer.toString().contains("secret"), answer.toString());
    }

    @Test
    void manyThreadsAtOnceKeepTheBoundAndTheAccounts() throws InterruptedException {
        MemoryResponseCache cache = new MemoryResponseCache(50_000, 50_000, clock);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int seed = t;
            threads.add(Thread.ofVirtual().start(() -> {
                java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
                for (int i = 0; i < 2000; i++) {
                    CacheKey key = key("t", "k" + random.nextInt(200));
                    if (random.nextBoolean()) {
                        cache.put(key, answerOf(400 + random.nextInt(2000)), HOUR);
                    } else {
                        cache.get(key);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        ResponseCache.Stats stats = cache.stats();
        assertTrue(stats.heldBytes() <= 50_000, "held " + stats.heldBytes());
        assertTrue(stats.heldBytes() >= stats.entries() * 400, "every entry held is counted");
        assertEquals(8 * 2000, stats.hits() + stats.misses() + stats.stores());
        // Drop everything by ageing it out: each answer found expired gives its bytes back, to exactly 0.
        clock.advance(HOUR);
        for (int i = 0; i < 200; i++) {
            cache.get(key("t", "k" + i));
        }
        assertEquals(0, cache.stats().heldBytes());
        assertEquals(0, cache.stats().entries());
    }
}
