package dev.gatehouse.server.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the response cache is set up ({@code cache:} at the top of the configuration) and which
 * models it answers for ({@code cache:} on a model, or {@code defaults.cache} for every model).
 * A model with neither is never cached. docs/cache.md, "Configuration".
 *
 * @param storage       where answers are kept
 * @param maxBytes      the most the memory storage holds (estimated); unused on Redis
 * @param maxEntryBytes the largest answer kept
 * @param defaults      the setting of every model that has none of its own, or null: only models that say so
 * @param models        each model's own setting, by public name
 */
public record CacheSettings(Storage storage, long maxBytes, long maxEntryBytes, ModelCache defaults,
        Map<String, ModelCache> models) {

    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    public static final long DEFAULT_MAX_ENTRY_BYTES = 1L << 20;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    /** No model cached. */
    public static final CacheSettings OFF =
            new CacheSettings(Storage.MEMORY, DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRY_BYTES, null, Map.of());

    public enum Storage { MEMORY, REDIS }

    /**
     * One model's cache.
     *
     * @param ttl    how long an answer is kept, unless the request asks for another time
     * @param perKey true: each virtual key has its own answers ({@code namespace: key}); false: the team's
     * @param countHitsInRpm true: a hit counts against the key's and team's requests per minute
     *                       ({@code count_hits_in_rpm}); never against tokens or budget
     */
    public record ModelCache(Duration ttl, boolean perKey, boolean countHitsInRpm) {
        public ModelCache {
            Objects.requireNonNull(ttl, "ttl");
        }

        /** Hits not counted against requests per minute (the default). */
        public ModelCache(Duration ttl, boolean perKey) {
            this(ttl, perKey, false);
        }
    }

    public CacheSettings {
        Objects.requireNonNull(storage, "storage");
        models = Map.copyOf(models);
    }

    /** The cache of {@code publicModel}; empty when it is not cached. */
    public Optional<ModelCache> of(String publicModel) {
        return Optional.ofNullable(models.getOrDefault(publicModel, defaults));
    }

    /** Whether any model is cached (else no storage is made). */
    public boolean enabled() {
        return defaults != null || !models.isEmpty();
    }
}
