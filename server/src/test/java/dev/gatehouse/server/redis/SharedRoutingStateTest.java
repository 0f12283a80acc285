package dev.gatehouse.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.routing.DeploymentCapacity;
import dev.gatehouse.routing.DeploymentCapacity.Limits;
import dev.gatehouse.server.testing.TestRedis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deployment capacity and cooldowns shared by two "instances" (two clients with pools of their
 * own) through one real redis-server.
 */
class SharedRoutingStateTest {

    private final TestRedis server = TestRedis.start();
    private final SharedRedis first = new SharedRedis(server.settings(RedisSettings.OnFailure.CLOSED));
    private final SharedRedis second = new SharedRedis(server.settings(RedisSettings.OnFailure.CLOSED));

    @AfterEach
    void stop() {
        first.close();
        second.close();
        server.close();
    }

    /** What the closed failure mode falls back to: nothing; never called while Redis answers. */
    private static final DeploymentCapacity NO_LOCAL = new DeploymentCapacity() {
        @Override
        public Optional<Lease> tryTake(String deploymentId, Limits limits, long estimatedTokens) {
            throw new AssertionError("the local fallback is not used while Redis answers, nor when failing closed");
        }

        @Override
        public Headroom headroom(String deploymentId, Limits limits) {
            throw new AssertionError("the local fallback is not used while Redis answers, nor when failing closed");
        }
    };

    @Test
    void twoInstancesTogetherTakeExactlyTheRequestsPerWindow() throws Exception {
        // An hour's window: no window ends while the test counts.
        List<RedisDeploymentCapacity> instances = List.of(new RedisDeploymentCapacity(first, NO_LOCAL, 3600),
                new RedisDeploymentCapacity(second, NO_LOCAL, 3600));
        Limits limits = new Limits(50, null);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            RedisDeploymentCapacity instance = instances.get(i % 2);
            attempts.add(() -> instance.tryTake("gpt#0", limits, 10).isPresent());
        }
        int taken = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
                taken += attempt.get() ? 1 : 0;
            }
        }
        assertEquals(50, taken);
        assertEquals(new DeploymentCapacity.Headroom(0, Long.MAX_VALUE), instances.get(1).headroom("gpt#0", limits));
        assertTrue(instances.get(0).tryTake("other#0", limits, 10).isPresent(), "each deployment counts apart");
    }

    @Test
    void tokensAreEstimatedBeforeAndCorrectedAfter() {
        RedisDeploymentCapacity a = new RedisDeploymentCapacity(first, NO_LOCAL, 3600);
        RedisDeploymentCapacity b = new RedisDeploymentCapacity(second, NO_LOCAL, 3600);
        Limits limits = new Limits(null, 1_000L);
        DeploymentCapacity.Lease lease = a.tryTake("claude#1", limits, 900).orElseThrow();
        assertTrue(b.tryTake("claude#1", limits, 200).isEmpty(), "900 estimated + 200 is over 1,000");
        lease.settle(100); // the answer was short: 800 tokens come back
        assertEquals(900, b.headroom("claude#1", limits).tokens());
        assertTrue(b.tryTake("claude#1", limits, 200).isPresent());
        assertTrue(a.tryTake("big#0", limits, 5_000).isPresent(), "a window's first request passes whatever its size");
    }

    @Test
    void failingClosedGivesNoCapacityWhileRedisIsDown() {
        RedisDeploymentCapacity capacity = new RedisDeploymentCapacity(first, NO_LOCAL, 3600);
        server.kill();
        assertTrue(capacity.tryTake("gpt#0", new Limits(10, null), 1).isEmpty());
        assertEquals(new DeploymentCapacity.Headroom(0, 0), capacity.headroom("gpt#0", new Limits(10, null)));
        assertTrue(capacity.tryTake("gpt#0", Limits.NONE, 1).isPresent(), "an unlimited deployment needs no count");
    }

    @Test
    void aCooldownSetOnOneInstanceIsSeenOnTheOther() {
        try (RedisCooldowns a = new RedisCooldowns(first, 60_000); RedisCooldowns b = new RedisCooldowns(second, 60_000)) {
            Instant now = Instant.now();
            assertNull(b.coolingUntil("gpt#0", now), "b now watches gpt#0");
            Instant until = now.plusSeconds(30);
            a.coolDown("gpt#0", until);
            assertEquals(until.toEpochMilli(), a.coolingUntil("gpt#0", now).toEpochMilli(), "at once where it was set");
            b.refreshNow();
            assertEquals(until.toEpochMilli(), b.coolingUntil("gpt#0", now).toEpochMilli());
            a.coolDown("gpt#0", now.plusSeconds(5));
            b.refreshNow();
            assertEquals(until.toEpochMilli(), b.coolingUntil("gpt#0", now).toEpochMilli(), "a shorter one changes nothing");
            assertNull(b.coolingUntil("gpt#0", until.plusMillis(1)), "over once its end has passed");
            assertNull(b.coolingUntil("never#0", now), "an unknown deployment is not cooling down");
        }
    }

    @Test
    void cooldownsStayLocalWhileRedisIsDown() {
        try (RedisCooldowns a = new RedisCooldowns(first, 60_000)) {
            server.kill();
            Instant now = Instant.now();
            a.coolDown("gpt#0", now.plusSeconds(10));
            a.refreshNow();
            assertEquals(now.plusSeconds(10).toEpochMilli(), a.coolingUntil("gpt#0", now).toEpochMilli());
        }
    }
}
