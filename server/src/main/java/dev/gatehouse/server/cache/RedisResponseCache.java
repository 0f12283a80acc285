package dev.gatehouse.server.cache;

import dev.gatehouse.server.redis.SharedRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cache in the shared Redis, so every instance answers from what any of them stored. Each
 * answer is one Redis string with its TTL ({@code SET … PX}); Redis expires it, and bounds the
 * memory by its own {@code maxmemory} and eviction policy (docs/cache.md, "Storage").
 *
 * <p>Redis down is never an error: a lookup is a miss and a store a no-op. While
 * {@link SharedRedis#isAvailable()} says down, the cache does not even ask, so requests do not
 * each wait for a connection timeout; one call a second ({@link #PROBE_EVERY}) still tries, which
 * notices Redis coming back (so does the limiter's ping, which clears the same flag).
 */
public final class RedisResponseCache implements ResponseCache {

    static final String PREFIX = "gatehouse:cache:";
    static final Duration PROBE_EVERY = Duration.ofSeconds(1);

    private final SharedRedis redis;
    private final long maxEntryBytes;
    private final Clock clock;
    private final CacheCounters counters = new CacheCounters();
    private final AtomicLong nextProbeMillis = new AtomicLong(Long.MIN_VALUE);

    /** @param maxEntryBytes the largest answer it keeps, as stored */
    public RedisResponseCache(SharedRedis redis, long maxEntryBytes, Clock clock) {
        if (maxEntryBytes <= 0) {
            throw new IllegalArgumentException("a cache takes answers of more than 0 bytes");
        }
        this.redis = redis;
        this.maxEntryBytes = maxEntryBytes;
        this.clock = clock;
    }

    @Override
    public Optional<CachedAnswer> get(CacheKey key) {
        if (!reachable()) {
            counters.unavailable.increment();
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(counted(redis.get(PREFIX + key.digest())));
        } catch (SharedRedis.Unavailable down) {
            unavailable(1);
            return Optional.empty();
        }
    }

    @Override
    public Map<CacheKey, CachedAnswer> getAll(List<CacheKey> keys) {
        Map<CacheKey, CachedAnswer> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        if (!reachable()) {
            counters.unavailable.add(keys.size());
            return found;
        }
        try {
            List<byte[]> values = redis.getAll(keys.stream().map(k -> PREFIX + k.digest()).toList());
            for (int i = 0; i < keys.size(); i++) {
                CachedAnswer answer = counted(values.get(i));
                if (answer != null) {
                    found.put(keys.get(i), answer);
                }
            }
        } catch (SharedRedis.Unavailable down) {
            unavailable(keys.size());
        }
        return found;
    }

    /** The answer in {@code value} (a damaged or foreign entry reads as none), counted as a hit or a miss. */
    private CachedAnswer counted(byte[] value) {
        CachedAnswer answer = value == null ? null : CachedAnswerCodec.decode(value);
        (answer == null ? counters.misses : counters.hits).increment();
        return answer;
    }

    @Override
    public void put(CacheKey key, CachedAnswer answer, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            return;
        }
        byte[] value = CachedAnswerCodec.encode(answer);
        if (value.length > maxEntryBytes) {
            counters.tooLarge.increment();
            return;
        }
        if (!reachable()) {
            counters.unavailable.increment();
            return;
        }
        try {
            redis.set(PREFIX + key.digest(), value, ttl);
            counters.stores.increment();
            counters.storedBytes.add(value.length);
        } catch (SharedRedis.Unavailable down) {
            unavailable(1);
        }
    }

    /** A command just failed: counted, and the next try is a probe a {@link #PROBE_EVERY} from now. */
    private void unavailable(int lookups) {
        counters.unavailable.add(lookups);
        nextProbeMillis.set(clock.millis() + PROBE_EVERY.toMillis());
    }

    /** Whether to ask Redis now: while it is up, and once every {@link #PROBE_EVERY} while it is down. */
    private boolean reachable() {
        if (redis.isAvailable()) {
            return true;
        }
        long now = clock.millis();
        long next = nextProbeMillis.get();
        return now >= next && nextProbeMillis.compareAndSet(next, now + PROBE_EVERY.toMillis());
    }

    @Override
    public Stats stats() {
        return counters.stats(-1, -1);
    }

    @Override
    public boolean degraded() {
        return !redis.isAvailable();
    }

    @Override
    public void scrape(StringBuilder out) {
        CacheCounters.scrape(out, "redis", stats());
    }
}
