package dev.gatehouse.server.limit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.redis.SharedRedis;
import dev.gatehouse.server.testing.TestRedis;
import java.time.Duration;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limiter's contract on a real redis-server, plus what only a shared store has: two
 * limiters (two instances) see one count, and the leases of an instance that died lapse.
 */
class LimiterOnRedisTest extends LimiterContract {

    private TestRedis server;

    @Override
    Limiter newLimiter(SpendSoFar spend, LimitSettings settings) {
        if (server == null) {
            server = TestRedis.start();
        }
        return new Limiter(new SharedRedis(server.settings(RedisSettings.OnFailure.CLOSED)), prices()::get, spend,
                control.audit(), clock, TokenEstimator.CHARACTERS, settings);
    }

    @AfterEach
    void stopRedis() {
        server.close();
    }

    @Test
    void twoInstancesShareOneCount() {
        try (Limiter other = newLimiter(spendSoFar())) {
            Caller caller = key("key_shared", rpm(2));
            admit(caller, demand("priced", 1, 1));
            other.admit(caller, () -> demand("priced", 1, 1), new LinkedHashMap<>());
            refused(caller, demand("priced", 1, 1));
            assertThrows(GatewayException.RateLimited.class,
                    () -> other.admit(caller, () -> demand("priced", 1, 1), new LinkedHashMap<>()));
        }
    }

    @Test
    void theSlotsOfAnInstanceThatDiedLapseWithTheirLeases() {
        Caller caller = key("key_lease", new Limits(null, null, null, null, null, null, 1));
        Limiter dying = newLimiter(spendSoFar());
        dying.admit(caller, () -> demand("priced", 1, 1), new LinkedHashMap<>());
        dying.close(); // it never settles nor renews
        refused(caller, demand("priced", 1, 1));
        clock.advance(RedisLimitStore.LEASE.minus(Duration.ofSeconds(1)));
        refused(caller, demand("priced", 1, 1));
        clock.advance(Duration.ofSeconds(2));
        admit(caller, demand("priced", 1, 1));
    }
}
