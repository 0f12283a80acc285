package dev.gatehouse.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.testing.TestRedis;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared Redis client against a real redis-server: scripts, their cache, and Redis going away. */
class SharedRedisTest {

    private static final RedisScript INCREMENT = RedisScript.of("increment",
            "return redis.call('INCRBY', KEYS[1], ARGV[1])");

    @Test
    void runsAScriptBySha1AfterSendingItOnce() {
        try (TestRedis server = TestRedis.start();
                SharedRedis redis = new SharedRedis(server.settings(RedisSettings.OnFailure.CLOSED))) {
            assertTrue(redis.ping());
            assertEquals(2L, redis.eval(INCREMENT, List.of("counter"), List.of("2")));
            assertEquals(5L, redis.eval(INCREMENT, List.of("counter"), List.of("3")));
            assertTrue(redis.isAvailable());
            assertEquals(0, redis.failures());
        }
    }

    @Test
    void aStoppedServerIsReportedUnavailableAndCounted() {
        TestRedis server = TestRedis.start();
        try (SharedRedis redis = new SharedRedis(server.settings(RedisSettings.OnFailure.OPEN))) {
            assertEquals(1L, redis.eval(INCREMENT, List.of("counter"), List.of("1")));
            server.kill();
            SharedRedis.Unavailable down = assertThrows(SharedRedis.Unavailable.class,
                    () -> redis.eval(INCREMENT, List.of("counter"), List.of("1")));
            assertTrue(down.getMessage().contains("increment"), down.getMessage());
            assertFalse(redis.isAvailable());
            assertTrue(redis.failures() > 0);
            assertFalse(redis.ping());
        }
    }
}
