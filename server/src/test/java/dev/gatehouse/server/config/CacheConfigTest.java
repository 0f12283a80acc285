package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.cache.CacheSettings.ModelCache;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code cache:} sections: storage and bounds at the top, ttl and namespace per model or by default. */
class CacheConfigTest {

    private static ConfigLoader.Loaded parse(String yaml) {
        return Configs.loader().parse(yaml, "test.yaml");
    }

    @Test
    void noCacheSectionCachesNothing() {
        ConfigLoader.Loaded loaded = parse("""
                models:
                  - name: m
                    provider: mock
                    model: mock
                """);
        assertEquals(List.of(), loaded.problems());
        assertFalse(loaded.config().cache().enabled());
        assertEquals(Optional.empty(), loaded.config().cache().of("m"));
    }

    @Test
    void aModelsOwnSettingWinsOverTheDefaults() {
        ConfigLoader.Loaded loaded = parse("""
                cache:
                  storage: memory
                  max_bytes: 2097152
                  max_entry_bytes: 4096
                defaults:
                  cache: {ttl_seconds: 60}
                models:
                  - name: shared
                    provider: mock
                    model: mock
                  - name: private
                    provider: mock
                    model: mock
                    cache: {ttl_seconds: 30, namespace: key}
                  - name: counted
                    provider: mock
                    model: mock
                    cache: {count_hits_in_rpm: true}
                """);
        assertEquals(List.of(), loaded.problems());
        CacheSettings cache = loaded.config().cache();
        assertEquals(CacheSettings.Storage.MEMORY, cache.storage());
        assertEquals(2_097_152, cache.maxBytes());
        assertEquals(4096, cache.maxEntryBytes());
        assertEquals(Optional.of(new ModelCache(Duration.ofSeconds(60), false)), cache.of("shared"));
        assertEquals(Optional.of(new ModelCache(Duration.ofSeconds(30), true)), cache.of("private"));
        assertEquals(Optional.of(new ModelCache(CacheSettings.DEFAULT_TTL, false, true)), cache.of("counted"),
                "a hit counts against requests per minute only where a model says so");
    }

    @Test
    void aModelCacheWithoutTtlKeepsAnswersForTheDefaultTime() {
        ConfigLoader.Loaded loaded = parse("""
                models:
                  - name: m
                    provider: mock
                    model: mock
                    cache: {}
                """);
        assertEquals(List.of(), loaded.problems());
        assertEquals(Optional.of(new ModelCache(CacheSettings.DEFAULT_TTL, false)), loaded.config().cache().of("m"));
        assertEquals(CacheSettings.Storage.MEMORY, loaded.config().cache().storage());
    }

    @Test
    void redisStorageNeedsTheRedisSection() {
        ConfigLoader.Loaded loaded = parse("""
                cache: {storage: redis}
                defaults:
                  cache: {ttl_seconds: 60}
                models: []
                """);
        String problems = loaded.problems().toString();
        assertTrue(problems.contains("cache.storage") && problems.contains("redis:"), problems);
    }

    @Test
    void badValuesAreProblemsNamingTheSetting() {
        ConfigLoader.Loaded loaded = parse("""
                cache:
                  storage: disk
                  max_bytes: 10
                  max_entries: 5
                models:
                  - name: m
                    provider: mock
                    model: mock
                    cache: {ttl_seconds: 0, namespace: user, count_hits_in_rpm: "yes"}
                """);
        String problems = loaded.problems().toString();
        assertTrue(problems.contains("cache.storage"), problems);
        assertTrue(problems.contains("cache.max_bytes"), problems);
        assertTrue(problems.contains("max_entries"), problems);
        assertTrue(problems.contains("ttl_seconds"), problems);
        assertTrue(problems.contains("namespace"), problems);
        assertTrue(problems.contains("count_hits_in_rpm"), problems);
    }

    @Test
    void aCacheSectionWithNoModelCachedIsWarnedAbout() {
        ConfigLoader.Loaded loaded = parse("""
                cache: {storage: memory}
                models: []
                """);
        assertEquals(List.of(), loaded.problems());
        assertTrue(loaded.warnings().toString().contains("no model is cached"), loaded.warnings().toString());
    }
}
