package dev.gatehouse.server.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cache in this instance's memory, bounded by bytes: when a new answer would pass the bound,
 * the least recently used answers are dropped until it fits. An expired answer is dropped when
 * it is next looked up, or when eviction reaches it; until then it counts against the bound,
 * which is what keeps memory bounded without a sweeping thread.
 *
 * <p>One lock around a {@link LinkedHashMap} in access order, and nothing slow done under it
 * (keys are hashed before, bodies never copied): each operation is a few pointer moves, next to
 * an upstream call of hundreds of milliseconds. Why not Caffeine: docs/cache.md, "Storage".
 */
public final class MemoryResponseCache implements ResponseCache {

    /**
     * What an entry costs beside its body, estimated: the map's node, the key's 64-character
     * digest, the answer record, its {@code Instant} and {@code Usage}. Counting it keeps a cache
     * of many small answers (embedding vectors) within its bound too.
     */
    static final int ENTRY_OVERHEAD = 320;

    private final long maxBytes;
    private final long maxEntryBytes;
    private final Clock clock;
    private final CacheCounters counters = new CacheCounters();
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long heldBytes;

    private record Entry(CachedAnswer answer, long expiresAtMillis, long bytes) {}

    /**
     * @param maxBytes      the most it holds, estimated ({@link #ENTRY_OVERHEAD} per answer besides its body)
     * @param maxEntryBytes the largest answer it keeps (at most {@code maxBytes})
     */
    public MemoryResponseCache(long maxBytes, long maxEntryBytes, Clock clock) {
        if (maxBytes <= 0 || maxEntryBytes <= 0) {
            throw new IllegalArgumentException("a cache holds more than 0 bytes");
        }
        this.maxBytes = maxBytes;
        this.maxEntryBytes = Math.min(maxEntryBytes, maxBytes);
        this.clock = clock;
    }

    @Override
    public Optional<CachedAnswer> get(CacheKey key) {
        long now = clock.millis();
        lock.lock();
        try {
            return Optional.ofNullable(find(key, now));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<CacheKey, CachedAnswer> getAll(List<CacheKey> keys) {
        long now = clock.millis();
        Map<CacheKey, CachedAnswer> found = new HashMap<>();
        lock.lock();
        try {
            for (CacheKey key : keys) {
                CachedAnswer answer = find(key, now);
                if (answer != null) {
                    found.put(key, answer);
                }
            }
        } finally {
            lock.unlock();
        }
        return found;
    }

    /** Under the lock: the live answer at {@code key}, counted as a hit or a miss. */
    private CachedAnswer find(CacheKey key, long now) {
        Entry entry = entries.get(key.digest());
        if (entry != null && entry.expiresAtMillis() <= now) {
            remove(key.digest());
            entry = null;
        }
        (entry == null ? counters.misses : counters.hits).increment();
        return entry == null ? null : entry.answer();
    }

    @Override
    public void put(CacheKey key, CachedAnswer answer, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            return;
        }
        long bytes = answer.body().length + answer.route().length() + ENTRY_OVERHEAD;
        if (bytes > maxEntryBytes) {
            counters.tooLarge.increment();
            return;
        }
        long now = clock.millis();
        long expiresAt = now + Math.min(ttl.toMillis(), Long.MAX_VALUE - now);
        lock.lock();
        try {
            remove(key.digest());
            entries.put(key.digest(), new Entry(answer, expiresAt, bytes));
            heldBytes += bytes;
            evictBeyondBound(now);
        } finally {
            lock.unlock();
        }
        counters.stores.increment();
        counters.storedBytes.add(answer.body().length);
    }

    /** Under the lock: drops the least recently used answers until the bound holds. */
    private void evictBeyondBound(long now) {
        Iterator<Entry> eldest = entries.values().iterator();
        while (heldBytes > maxBytes && eldest.hasNext()) {
            Entry entry = eldest.next();
            eldest.remove();
            heldBytes -= entry.bytes();
            if (entry.expiresAtMillis() > now) {
                counters.evictions.increment();
            }
        }
    }

    private void remove(String digest) {
        Entry gone = entries.remove(digest);
        if (gone != null) {
            heldBytes -= gone.bytes();
        }
    }

    @Override
    public Stats stats() {
        lock.lock();
        try {
            return counters.stats(heldBytes, entries.size());
        } finally {
            lock.unlock();
        }
    }

    /** Memory is always there. */
    @Override
    public boolean degraded() {
        return false;
    }

    @Override
    public void scrape(StringBuilder out) {
        CacheCounters.scrape(out, "memory", stats());
    }
}
