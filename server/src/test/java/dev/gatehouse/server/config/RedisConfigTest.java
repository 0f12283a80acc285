package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.redis.RedisSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code redis:} section: where shared limits live, and what happens when it is down. */
class RedisConfigTest {

    private static final String MODELS = """
            models:
              - name: m
                provider: mock
                model: mock
            """;

    @Test
    void aRedisSectionIsReadWithItsPasswordFromTheEnvironment() {
        ConfigLoader.Loaded loaded = Configs.loader(Map.of("REDIS_PASSWORD", "redis-pass-123")::get).parse("""
                redis:
                  url: rediss://cache.internal:6380/2
                  username: gatehouse
                  password: env:REDIS_PASSWORD
                  timeout_ms: 250
                  on_failure: open
                """ + MODELS, "test.yaml");
        assertEquals(List.of(), loaded.problems());
        RedisSettings redis = loaded.config().redis();
        assertEquals("cache.internal", redis.url().getHost());
        assertEquals(2, redis.database());
        assertEquals("gatehouse", redis.username());
        assertEquals("redis-pass-123", redis.password().reveal());
        assertEquals(Duration.ofMillis(250), redis.timeout());
        assertEquals(RedisSettings.OnFailure.OPEN, redis.onFailure());
    }

    @Test
    void withoutASectionLimitsStayInMemory() {
        ConfigLoader.Loaded loaded = Configs.loader().parse(MODELS, "test.yaml");
        assertEquals(List.of(), loaded.problems());
        assertNull(loaded.config().redis());
    }

    @Test
    void aPasswordInTheUrlAMissingFailureModeAndAnUnknownKeyAreRefusedByName() {
        String problems = Configs.loader().parse("""
                redis:
                  url: redis://user:hunter2@cache.internal:6379
                  retries: 3
                """ + MODELS, "test.yaml").problems().toString();
        assertTrue(problems.contains("redis.url"), problems);
        assertTrue(problems.contains("password"), problems);
        assertTrue(problems.contains("redis.on_failure"), problems);
        assertTrue(problems.contains("retries"), problems);
        assertFalse(problems.contains("hunter2"), problems);
    }

    @Test
    void onlyRedisSchemesAndADatabaseNumberAreTaken() {
        String problems = Configs.loader().parse("""
                redis:
                  url: http://cache.internal:6379/keys
                  on_failure: sideways
                """ + MODELS, "test.yaml").problems().toString();
        assertTrue(problems.contains("redis.url"), problems);
        assertTrue(problems.contains("must be closed or open"), problems);
    }
}
