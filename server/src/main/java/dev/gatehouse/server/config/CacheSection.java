package dev.gatehouse.server.config;

import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.cache.CacheSettings.ModelCache;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the response cache's settings from Gatehouse's format: the top-level {@code cache:}
 * (storage and bounds), {@code defaults.cache} and each model's {@code cache:} (time to live,
 * namespace, whether hits count against requests per minute). docs/configuration.md, {@code cache}.
 */
final class CacheSection {

    static final List<String> KEYS = List.of("storage", "max_bytes", "max_entry_bytes");
    static final List<String> MODEL_KEYS = List.of("ttl_seconds", "namespace", "count_hits_in_rpm");
    /** A day at most: a longer time serves stale answers long after a model or prompt changed. */
    static final long MAX_TTL_SECONDS = 86_400;

    private CacheSection() {}

    /** @param redisConfigured whether the file has a {@code redis:} section ({@code storage: redis} needs one) */
    static CacheSettings read(Located root, Findings findings, boolean redisConfigured) {
        Fields fields = new Fields(findings);
        CacheSettings.Storage storage = CacheSettings.Storage.MEMORY;
        long maxBytes = CacheSettings.DEFAULT_MAX_BYTES;
        long maxEntryBytes = CacheSettings.DEFAULT_MAX_ENTRY_BYTES;
        Located top = root.get("cache");
        if (fields.isSection(top, KEYS)) {
            String name = fields.text(top.get("storage"));
            if ("redis".equals(name)) {
                storage = CacheSettings.Storage.REDIS;
                if (!redisConfigured) {
                    findings.problem(top.get("storage"), "storage: redis needs the redis: section (its url)");
                }
            } else if (name != null && !name.equals("memory")) {
                findings.problem(top.get("storage"), "must be memory or redis");
            }
            Long bytes = fields.integer(top.get("max_bytes"), 1 << 20, 1L << 40);
            Long entry = fields.integer(top.get("max_entry_bytes"), 1024, 1L << 30);
            maxBytes = bytes != null ? bytes : maxBytes;
            maxEntryBytes = entry != null ? entry : maxEntryBytes;
            if (storage == CacheSettings.Storage.MEMORY && maxEntryBytes > maxBytes) {
                findings.problem(top.get("max_entry_bytes"), "must not be more than max_bytes");
            }
        }
        ModelCache defaults = model(root.get("defaults").get("cache"), fields, findings);
        Map<String, ModelCache> models = new LinkedHashMap<>();
        Located list = root.get("models");
        if (list.value().isArray()) {
            for (int i = 0; i < list.value().size(); i++) {
                Located model = list.get(i);
                ModelCache own = model(model.get("cache"), fields, findings);
                if (own != null && model.value().path("name").isTextual()) {
                    models.put(model.value().path("name").asText(), own);
                }
            }
        }
        CacheSettings settings = new CacheSettings(storage, maxBytes, maxEntryBytes, defaults, models);
        if (!top.isMissing() && !settings.enabled()) {
            findings.warn(top, "no model is cached: give defaults.cache or a model's cache: a ttl_seconds");
        }
        return settings;
    }

    private static ModelCache model(Located at, Fields fields, Findings findings) {
        if (!fields.isSection(at, MODEL_KEYS)) {
            return null;
        }
        Long ttl = fields.integer(at.get("ttl_seconds"), 1, MAX_TTL_SECONDS);
        String namespace = fields.text(at.get("namespace"));
        if (namespace != null && !namespace.equals("team") && !namespace.equals("key")) {
            findings.problem(at.get("namespace"), "must be team (the default: a team's keys share answers) or key");
        }
        Boolean countHits = fields.bool(at.get("count_hits_in_rpm"));
        return new ModelCache(ttl != null ? Duration.ofSeconds(ttl) : CacheSettings.DEFAULT_TTL, "key".equals(namespace),
                countHits != null && countHits);
    }
}
