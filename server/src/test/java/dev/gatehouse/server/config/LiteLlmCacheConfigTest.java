package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.assertWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.cache.CacheSettings.ModelCache;
import dev.gatehouse.server.redis.RedisSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's litellm_settings.cache and cache_params, as its pages proxy/caching and
 * proxy/caching_settings (docs.litellm.ai) describe them, read into the response cache's settings.
 */
class LiteLlmCacheConfigTest {

    private static final String MODELS = """
            model_list:
              - model_name: m
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/OPENAI_API_KEY
            """;

    private static ConfigLoader.Loaded load(String settings) {
        Map<String, String> env = new HashMap<>(Configs.ENV);
        env.put("REDIS_HOST", "redis.internal");
        env.put("REDIS_PASSWORD", "redis-test-password-Tq42");
        return Configs.loader(env::get).parse(MODELS + settings, "litellm.yaml");
    }

    private static ConfigLoader.Loaded loadOk(String settings) {
        ConfigLoader.Loaded loaded = load(settings);
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        return loaded;
    }

    @Test
    void anInMemoryCacheCachesEveryModelForItsTtl() {
        ConfigLoader.Loaded loaded = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params:
                    type: local
                    ttl: 300
                """);
        CacheSettings cache = loaded.config().cache();
        assertEquals(CacheSettings.Storage.MEMORY, cache.storage());
        assertEquals(Optional.of(new ModelCache(Duration.ofSeconds(300), false)), cache.of("m"),
                "every model, a team's keys sharing answers");
        assertEquals(List.of(), loaded.warnings());
        assertNull(loaded.config().redis());
    }

    @Test
    void withoutTtlAnswersAreKeptForGatehousesDefaultTime() {
        CacheSettings cache = loadOk("litellm_settings: {cache: true, cache_params: {type: local}}\n").config().cache();
        assertEquals(Optional.of(new ModelCache(CacheSettings.DEFAULT_TTL, false)), cache.of("m"));
    }

    @Test
    void noCacheOrCacheFalseLeavesTheCacheOff() {
        assertFalse(loadOk("litellm_settings: {drop_params: true}\n").config().cache().enabled());
        ConfigLoader.Loaded off = loadOk("litellm_settings: {cache: false, cache_params: {type: local}}\n");
        assertFalse(off.config().cache().enabled());
        assertWarning(off, "litellm_settings.cache_params", "LiteLLM reads cache_params only with cache: true");
    }

    @Test
    void aRedisCacheBecomesTheSharedRedisWithItsHostPortAndPassword() {
        ConfigLoader.Loaded loaded = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params:
                    type: redis
                    host: os.environ/REDIS_HOST
                    port: "6380"
                    password: os.environ/REDIS_PASSWORD
                    socket_timeout: 2.5
                    ttl: 600
                """);
        assertEquals(CacheSettings.Storage.REDIS, loaded.config().cache().storage());
        RedisSettings redis = loaded.config().redis();
        assertEquals(URI.create("redis://redis.internal:6380"), redis.url());
        assertEquals("redis-test-password-Tq42", redis.password().reveal());
        assertEquals(Duration.ofMillis(2500), redis.timeout(), "socket_timeout");
        assertEquals(RedisSettings.OnFailure.OPEN, redis.onFailure(), "LiteLLM goes on serving while Redis is down");
        assertEquals(List.of(), loaded.warnings());
        assertFalse(loaded.warnings().toString().contains("redis-test-password-Tq42"));
    }

    @Test
    void sslMeansTlsAndTheTypeDefaultsToRedisAsInLiteLlmsProxy() {
        ConfigLoader.Loaded loaded = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params: {host: cache.example.com, ssl: true}
                """);
        assertEquals(URI.create("rediss://cache.example.com:6379"), loaded.config().redis().url());
        assertEquals(CacheSettings.Storage.REDIS, loaded.config().cache().storage());
    }

    @Test
    void aRedisNamedOnlyByLiteLlmsEnvironmentVariablesIsNotGuessedAnswersStayInMemory() {
        ConfigLoader.Loaded loaded = loadOk("litellm_settings: {cache: true}\n");
        assertEquals(CacheSettings.Storage.MEMORY, loaded.config().cache().storage());
        assertTrue(loaded.config().cache().enabled());
        assertNull(loaded.config().redis());
        assertWarning(loaded, "litellm_settings.cache", "REDIS_HOST");
    }

    @Test
    void aWrittenPasswordIsRefusedAsEveryWrittenCredentialIs() {
        ConfigLoader.Loaded loaded = load("""
                litellm_settings:
                  cache: true
                  cache_params: {type: redis, host: localhost, password: hunter2-written}
                """);
        assertProblem(loaded, "litellm_settings.cache_params.password (line 8)", "a credential written into");
        assertFalse(loaded.problems().toString().contains("hunter2-written"));
    }

    @Test
    void anUnsetHostVariableOrABadPortIsAProblem() {
        ConfigLoader.Loaded loaded = load("""
                litellm_settings:
                  cache: true
                  cache_params: {type: redis, host: os.environ/NO_SUCH_HOST, port: 70000}
                """);
        assertProblem(loaded, "litellm_settings.cache_params.host (line 8)", "os.environ/NAME naming a set variable");
        assertProblem(loaded, "litellm_settings.cache_params.port (line 8)", "from 1 to 65535");
    }

    @Test
    void anUnknownTypeOrABadTtlIsAProblem() {
        assertProblem(load("litellm_settings: {cache: true, cache_params: {type: memcached}}\n"),
                "litellm_settings.cache_params.type (line 6)", "must be one of");
        assertProblem(load("litellm_settings: {cache: true, cache_params: {type: local, ttl: 0}}\n"),
                "litellm_settings.cache_params.ttl (line 6)", "from 1 to 86400");
    }

    @Test
    void aSemanticOrObjectStoreCacheBecomesAnExactMatchCacheInMemoryWithEachUnmappedKeyNamed() {
        ConfigLoader.Loaded loaded = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params:
                    type: redis-semantic
                    similarity_threshold: 0.8
                    redis_semantic_cache_embedding_model: m
                """);
        assertEquals(CacheSettings.Storage.MEMORY, loaded.config().cache().storage());
        assertTrue(loaded.config().cache().enabled());
        assertWarning(loaded, "litellm_settings.cache_params.type", "not on redis-semantic");
        assertWarning(loaded, "litellm_settings.cache_params.similarity_threshold", "not supported, ignored");
        assertWarning(loaded, "litellm_settings.cache_params.redis_semantic_cache_embedding_model",
                "not supported, ignored");
        ConfigLoader.Loaded s3 = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params: {type: s3, s3_bucket_name: answers, host: ignored.example.com}
                """);
        assertWarning(s3, "litellm_settings.cache_params.type", "not on s3");
        assertWarning(s3, "litellm_settings.cache_params.s3_bucket_name", "not supported, ignored");
        assertWarning(s3, "litellm_settings.cache_params.host", "used with type: redis only");
        assertNull(s3.config().redis());
    }

    @Test
    void theNamespaceIsWarnedAboutGatehouseKeepsItsOwnPrefix() {
        ConfigLoader.Loaded loaded = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params: {type: local, namespace: litellm.caching}
                """);
        assertWarning(loaded, "litellm_settings.cache_params.namespace", "gatehouse:cache:");
        assertTrue(loaded.config().cache().enabled());
    }

    @Test
    void defaultOffModeLeavesTheCacheOffGatehouseCanNotCacheOnlyRequestsThatAsk() {
        ConfigLoader.Loaded loaded = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params: {type: local, mode: default_off}
                """);
        assertFalse(loaded.config().cache().enabled());
        assertWarning(loaded, "litellm_settings.cache_params.mode", "use-cache");
    }

    @Test
    void supportedCallTypesChooseWhetherAnythingIsCachedAndNameWhatGatehouseCachesBeyondThem() {
        ConfigLoader.Loaded none = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params: {host: localhost, supported_call_types: []}
                """);
        assertFalse(none.config().cache().enabled(), "an empty list: the Redis serves limits only");
        assertEquals(URI.create("redis://localhost:6379"), none.config().redis().url());

        ConfigLoader.Loaded chat = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params: {type: local, supported_call_types: [acompletion, atext_completion, nonsense]}
                """);
        assertTrue(chat.config().cache().enabled());
        assertWarning(chat, "litellm_settings.cache_params.supported_call_types", "messages and embeddings are"
                + " cached too");
        assertWarning(chat, "litellm_settings.cache_params.supported_call_types[1]", "does not cache atext_completion");
        assertWarning(chat, "litellm_settings.cache_params.supported_call_types[2]", "not a LiteLLM call type");

        ConfigLoader.Loaded all = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params: {type: local, supported_call_types: [acompletion, anthropic_messages, aembedding]}
                """);
        assertEquals(List.of(), all.warnings());

        ConfigLoader.Loaded transcription = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params: {type: local, supported_call_types: [atranscription]}
                """);
        assertFalse(transcription.config().cache().enabled());
    }
}
