package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.assertWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.redis.RedisSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * router_settings' redis_host, redis_port, redis_password and redis_url, LiteLLM's Redis for its
 * routers (docs.litellm.ai/docs/proxy/config_settings, router_settings; docs.litellm.ai/docs/routing),
 * read into the redis: section, and their precedence over cache_params' Redis.
 */
class LiteLlmRedisConfigTest {

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
        env.put("REDIS_PORT", "6380");
        env.put("REDIS_PASSWORD", "redis-test-password-Tq42");
        env.put("REDIS_URL", "rediss://shared.example.com:6390/2");
        env.put("REDIS_URL_WITH_PASSWORD", "redis://:redis-test-password-Tq42@shared.example.com:6379");
        return Configs.loader(env::get).parse(MODELS + settings, "litellm.yaml");
    }

    private static ConfigLoader.Loaded loadOk(String settings) {
        ConfigLoader.Loaded loaded = load(settings);
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        return loaded;
    }

    @Test
    void routerSettingsHostPortAndPasswordAreTheSharedRedis() {
        ConfigLoader.Loaded loaded = loadOk("""
                router_settings:
                  redis_host: os.environ/REDIS_HOST
                  redis_port: os.environ/REDIS_PORT
                  redis_password: os.environ/REDIS_PASSWORD
                """);
        RedisSettings redis = loaded.config().redis();
        assertEquals(URI.create("redis://redis.internal:6380"), redis.url());
        assertEquals("redis-test-password-Tq42", redis.password().reveal());
        assertEquals(RedisSettings.OnFailure.OPEN, redis.onFailure(), "LiteLLM goes on serving while Redis is down");
        assertTrue(loaded.warnings().isEmpty(), () -> loaded.warnings().toString());
    }

    @Test
    void aRedisCacheWithoutItsOwnHostIsKeptOnRouterSettingsRedis() {
        ConfigLoader.Loaded loaded = loadOk("""
                litellm_settings:
                  cache: true
                  cache_params: {type: redis, ttl: 600}
                router_settings:
                  redis_host: os.environ/REDIS_HOST
                  redis_port: os.environ/REDIS_PORT
                  redis_password: os.environ/REDIS_PASSWORD
                """);
        assertEquals(CacheSettings.Storage.REDIS, loaded.config().cache().storage());
        assertEquals(URI.create("redis://redis.internal:6380"), loaded.config().redis().url());
        assertTrue(loaded.warnings().isEmpty(), () -> loaded.warnings().toString());
    }

    @Test
    void thePortDefaultsTo6379AndRedisUrlIsReadFromTheEnvironment() {
        assertEquals(URI.create("redis://cache.example.com:6379"),
                loadOk("router_settings: {redis_host: cache.example.com}\n").config().redis().url());
        ConfigLoader.Loaded loaded = loadOk("router_settings: {redis_url: os.environ/REDIS_URL, redis_host: other}\n");
        assertEquals(URI.create("rediss://shared.example.com:6390/2"), loaded.config().redis().url());
        assertWarning(loaded, "router_settings.redis_host", "ignored: redis_url names the Redis");
    }

    @Test
    void aWrittenPasswordIsRefusedAndAUrlWithAPasswordTooWithoutShowingIt() {
        ConfigLoader.Loaded written = load("router_settings: {redis_host: localhost, redis_password: hunter2-written}\n");
        assertProblem(written, "router_settings.password (line 6)", "a credential written into");
        assertFalse(written.problems().toString().contains("hunter2-written"));
        ConfigLoader.Loaded url = load("router_settings: {redis_url: os.environ/REDIS_URL_WITH_PASSWORD}\n");
        assertProblem(url, "router_settings.redis_url (line 6)", "holds a user or password");
        assertFalse(url.problems().toString().contains("redis-test-password-Tq42"));
    }

    @Test
    void anUnsetHostOrABadPortIsAProblem() {
        assertProblem(load("router_settings: {redis_host: os.environ/NO_SUCH_HOST}\n"),
                "router_settings.redis_host (line 6)", "must be the Redis host name");
        assertProblem(load("router_settings: {redis_host: localhost, redis_port: 70000}\n"),
                "router_settings.redis_port (line 6)", "must be a port number");
    }

    @Test
    void routerSettingsWinsOverCacheParamsAndTwoServersAreAWarning() {
        ConfigLoader.Loaded loaded = loadOk("""
                router_settings:
                  redis_host: router.example.com
                litellm_settings:
                  cache: true
                  cache_params: {type: redis, host: cache.example.com}
                """);
        assertEquals(URI.create("redis://router.example.com:6379"), loaded.config().redis().url());
        assertEquals(CacheSettings.Storage.REDIS, loaded.config().cache().storage(), "answers on the one Redis");
        assertWarning(loaded, "litellm_settings.cache_params.host", "names another Redis than router_settings");
        ConfigLoader.Loaded same = loadOk("""
                router_settings:
                  redis_host: cache.example.com
                litellm_settings:
                  cache: true
                  cache_params: {type: redis, host: cache.example.com, port: 6379}
                """);
        assertFalse(same.warnings().toString().contains("another Redis"), same.warnings()::toString);
    }

    @Test
    void aPortOrPasswordWithoutAHostIsAWarning() {
        ConfigLoader.Loaded loaded = loadOk("router_settings: {redis_port: 6379}\n");
        assertWarning(loaded, "router_settings.redis_port", "ignored without redis_host or redis_url");
        assertEquals(null, loaded.config().redis());
    }
}
