package dev.gatehouse.server.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers kept by their request's {@link CacheKey}, for a time each. Thread-safe. A cache never
 * fails a request: a store that can not be reached (Redis down) makes every lookup a miss and
 * every store a no-op, and says so through {@link #degraded()}. docs/cache.md, "Storage".
 */
public interface ResponseCache {

    /** The answer kept at {@code key}, unless there is none, it expired, or the storage can not be reached. */
    Optional<CachedAnswer> get(CacheKey key);

    /**
     * The answers kept at any of {@code keys}, by key (a key with none is absent): one round trip
     * for a batch of embedding inputs. Each key counts as one hit or miss.
     */
    Map<CacheKey, CachedAnswer> getAll(List<CacheKey> keys);

    /**
     * Keeps {@code answer} at {@code key} for {@code ttl}, replacing what was there. Nothing is
     * kept for a ttl that is zero or negative, or an answer larger than the cache takes.
     */
    void put(CacheKey key, CachedAnswer answer, Duration ttl);

    /** The counters so far. */
    Stats stats();

    /** True while the storage can not be reached and the cache is skipped (readiness says {@code degraded}). */
    boolean degraded();

    /** Writes the counters in Prometheus' text format (docs/cache.md lists them). */
    void scrape(StringBuilder out);

    /**
     * What the cache did since start.
     *
     * @param hits        lookups that found an answer
     * @param misses      lookups that found none (or an expired one)
     * @param stores      answers kept
     * @param storedBytes bytes of the answers kept, in total
     * @param evictions   answers dropped to make room before they expired (memory only; Redis'
     *                    own evictions are in its {@code INFO stats})
     * @param tooLarge    answers not kept because they were larger than the cache takes
     * @param unavailable lookups and stores skipped because the storage could not be reached
     * @param heldBytes   bytes held now (estimated), or -1 where the storage keeps that (Redis)
     * @param entries     answers held now, or -1 where the storage keeps that (Redis)
     */
    record Stats(long hits, long misses, long stores, long storedBytes, long evictions, long tooLarge,
            long unavailable, long heldBytes, long entries) {}
}
