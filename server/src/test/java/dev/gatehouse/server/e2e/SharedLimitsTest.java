package dev.gatehouse.server.e2e;

import static dev.gatehouse.server.e2e.LimitedGateways.chat;
import static dev.gatehouse.server.e2e.LimitedGateways.key;
import static dev.gatehouse.server.e2e.LimitedGateways.limits;
import static dev.gatehouse.server.e2e.LimitedGateways.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.spend.SpendQueries;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestPostgres;
import dev.gatehouse.server.testing.TestRedis;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.Reply;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Two real gateway instances sharing a real redis-server and a real PostgreSQL, as in a
 * scaled-out deployment: one key's limits hold across both under concurrent load, and Redis
 * going away and coming back does what {@code on_failure} says. Both instances count on one
 * {@link MutableClock}, so no minute ends during a test.
 */
class SharedLimitsTest {

    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":0,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,"
            + "\"total_tokens\":6}}";

    private static final System.Logger LOG = System.getLogger(SharedLimitsTest.class.getName());
    private final MutableClock clock = new MutableClock();

    private Gatehouse instance(StoreSettings store, TestRedis redis, RedisSettings.OnFailure onFailure,
            List<Deployment> more) {
        return LimitedGateways.start(ControlPlane.open(store, Optional.empty(), ControlPlane.DEFAULT_FEED_INTERVAL),
                redis.settings(onFailure), clock, more);
    }

    private static int[] countStatuses(List<Future<HttpResponse<String>>> calls) throws Exception {
        int[] counts = new int[600];
        for (Future<HttpResponse<String>> call : calls) {
            counts[call.get().statusCode()]++;
        }
        return counts;
    }

    @Test
    void aKeyLimitedToNRequestsPerMinuteGetsExactlyNAcrossTwoInstances() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        try (TestRedis redis = TestRedis.start();
                Gatehouse a = instance(store, redis, RedisSettings.OnFailure.CLOSED, List.of());
                Gatehouse b = instance(store, redis, RedisSettings.OnFailure.CLOSED, List.of());
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            String key = key(a.control(), limits(30, null, null, null));
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                Gatehouse target = i % 2 == 0 ? a : b;
                boolean stream = i % 4 < 2;
                calls.add(pool.submit(() -> chat(target, key, stream)));
            }
            int[] statuses = countStatuses(calls);
            LOG.log(System.Logger.Level.INFO, "rpm 30 across two instances: {0} accepted, {1} refused of 160",
                    statuses[200], statuses[429]);
            assertEquals(30, statuses[200], "accepted across both instances");
            assertEquals(130, statuses[429], "refused across both instances");
        }
    }

    @Test
    void aBudgetIsNotOvershotByConcurrentRequestsOnTwoInstances() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        try (TestRedis redis = TestRedis.start();
                Gatehouse a = instance(store, redis, RedisSettings.OnFailure.CLOSED, List.of());
                Gatehouse b = instance(store, redis, RedisSettings.OnFailure.CLOSED, List.of());
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            // $1 per thousand tokens; max_tokens 100 reserves about $0.105, more than the mock ever costs.
            BigDecimal budget = new BigDecimal("0.50");
            String key = key(a.control(), limits(null, null, null, budget.toPlainString()));
            String body = "{\"model\":\"mock\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"hello there\"}]}";
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Gatehouse target = i % 2 == 0 ? a : b;
                calls.add(pool.submit(() -> LimitedGateways.post(target, "/v1/chat/completions", key, body)));
            }
            int[] statuses = countStatuses(calls);
            assertTrue(statuses[200] >= 4, "served " + statuses[200]);
            assertEquals(60, statuses[200] + statuses[429]);
            SpendQueries spend = a.spendQueries();
            BigDecimal spent = await(() -> spend.byKey(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).stream()
                    .mapToLong(SpendQueries.Total::requests).sum() == 60) ? spend.byKey(Instant.EPOCH,
                    Instant.parse("2100-01-01T00:00:00Z")).getFirst().costUsd() : null;
            LOG.log(System.Logger.Level.INFO, "budget {0} across two instances: {1} served, {2} refused, {3} spent",
                    budget, statuses[200], statuses[429], spent);
            assertTrue(spent != null && spent.compareTo(budget) <= 0, "spent " + spent + " of " + budget);
        }
    }

    @Test
    void aConcurrencyLimitHoldsAcrossTwoInstances() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger arrived = new AtomicInteger();
        try (FakeHttpServer upstream = new FakeHttpServer(request -> {
                    arrived.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Reply.Full.json(200, ANSWER);
                });
                TestRedis redis = TestRedis.start()) {
            List<Deployment> slow = List.of(Deployment.builder("slow", "openai").upstreamModel("gpt-4o-mini")
                    .baseUrl(upstream.baseUrl()).apiKey(Secret.of("sk-test")).build());
            try (Gatehouse a = instance(store, redis, RedisSettings.OnFailure.CLOSED, slow);
                    Gatehouse b = instance(store, redis, RedisSettings.OnFailure.CLOSED, slow);
                    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                String key = key(a.control(), limits(null, null, 3, null));
                String body = "{\"model\":\"slow\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
                List<Future<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    Gatehouse target = i % 2 == 0 ? a : b;
                    calls.add(pool.submit(() -> LimitedGateways.post(target, "/v1/chat/completions", key, body)));
                }
                assertTrue(await(() -> arrived.get() + calls.stream().filter(Future::isDone).count() == 12),
                        "every request either reached the upstream or was refused");
                assertEquals(3, arrived.get(), "three in flight across both instances");
                release.countDown();
                int[] statuses = countStatuses(calls);
                assertEquals(3, statuses[200]);
                assertEquals(9, statuses[429]);
                // The slots came back when the requests ended.
                assertEquals(200, LimitedGateways.post(b, "/v1/chat/completions", key, body).statusCode());
            }
        }
    }

    /**
     * Each request's slot is back in Redis before its caller has the whole answer: a caller that
     * sends its next request at once, to either instance, never finds its last one in flight.
     */
    @Test
    void aCallerThatWaitsForEachAnswerNeverFindsItsLastRequestInFlight() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        try (TestRedis redis = TestRedis.start();
                Gatehouse a = instance(store, redis, RedisSettings.OnFailure.CLOSED, List.of());
                Gatehouse b = instance(store, redis, RedisSettings.OnFailure.CLOSED, List.of())) {
            String key = key(a.control(), limits(null, null, 1, null));
            for (int i = 0; i < 200; i++) {
                Gatehouse target = i % 3 == 0 ? b : a;
                boolean stream = i % 2 == 1;
                HttpResponse<String> answer = i % 4 < 2 ? chat(target, key, stream) : messages(target, key, stream);
                assertEquals(200, answer.statusCode(), "request " + i + ": " + answer.body());
            }
        }
    }

    @Test
    void aDeploymentsRequestsPerMinuteAreSharedByTwoInstances() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        AtomicInteger arrived = new AtomicInteger();
        try (FakeHttpServer upstream = new FakeHttpServer(request -> {
                    arrived.incrementAndGet();
                    return Reply.Full.json(200, ANSWER);
                });
                TestRedis redis = TestRedis.start()) {
            List<Deployment> capped = List.of(Deployment.builder("capped", "openai").upstreamModel("gpt-4o-mini")
                    .baseUrl(upstream.baseUrl()).apiKey(Secret.of("sk-test")).rpm(5).build());
            try (Gatehouse a = instance(store, redis, RedisSettings.OnFailure.CLOSED, capped);
                    Gatehouse b = instance(store, redis, RedisSettings.OnFailure.CLOSED, capped);
                    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                String key = key(a.control(), Limits.NONE);
                String body = "{\"model\":\"capped\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
                // Deployment windows are minutes of Redis's clock (this machine's): a test that
                // straddles a minute's end may see two windows, and is checked against that bound.
                long minuteBefore = Instant.now().getEpochSecond() / 60;
                List<Future<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    Gatehouse target = i % 2 == 0 ? a : b;
                    calls.add(pool.submit(() -> LimitedGateways.post(target, "/v1/chat/completions", key, body)));
                }
                int[] statuses = countStatuses(calls);
                long minuteAfter = Instant.now().getEpochSecond() / 60;
                int windows = (int) (minuteAfter - minuteBefore) + 1;
                LOG.log(System.Logger.Level.INFO, "deployment rpm 5 across two instances: {0} reached the upstream,"
                        + " {1} answered, {2} refused", arrived.get(), statuses[200], 12 - statuses[200]);
                if (windows == 1) {
                    assertEquals(5, arrived.get(), "the deployment's rpm holds across both instances");
                } else {
                    assertTrue(arrived.get() <= 5 * windows, "at most one rpm per window: " + arrived.get());
                }
                assertEquals(arrived.get(), statuses[200]);
                assertEquals(12, statuses[200] + statuses[429] + statuses[503], "the others were refused, not lost");
            }
        }
    }

    @Test
    void failingClosedRefusesLimitedKeysAndIsNotReadyUntilRedisIsBack() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        try (TestRedis redis = TestRedis.start();
                Gatehouse a = instance(store, redis, RedisSettings.OnFailure.CLOSED, List.of());
                Gatehouse b = instance(store, redis, RedisSettings.OnFailure.CLOSED, List.of())) {
            String limited = key(a.control(), limits(2, null, null, null));
            String free = key(a.control(), Limits.NONE);
            assertEquals(200, chat(a, limited, false).statusCode());
            redis.kill();
            HttpResponse<String> refused = chat(a, limited, false);
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"code\":\"limits_unavailable\""), refused.body());
            HttpResponse<String> anthropic = LimitedGateways.messages(b, limited, false);
            assertEquals(503, anthropic.statusCode(), anthropic.body());
            assertTrue(anthropic.body().startsWith("{\"type\":\"error\""), anthropic.body());
            assertEquals(200, chat(a, free, false).statusCode(), "a key without limits needs no Redis");
            HttpResponse<String> readiness = LimitedGateways.get(a, "/health/readiness");
            assertEquals(503, readiness.statusCode());
            assertTrue(readiness.body().contains("\"limits\":\"unavailable\""), readiness.body());
            assertTrue(a.metrics().scrape().contains("gatehouse_redis_up 0"));
            assertTrue(a.metrics().scrape().matches("(?s).*gatehouse_redis_failures_total [1-9].*"));
            redis.restart();
            assertTrue(await(() -> LimitedGateways.get(a, "/health/readiness").statusCode() == 200
                    && LimitedGateways.get(b, "/health/readiness").statusCode() == 200), "Redis is noticed back");
            assertTrue(a.metrics().scrape().contains("gatehouse_redis_up 1"));
            // Shared again (the restarted Redis is empty): two across both, then a refusal on either.
            assertEquals(200, chat(a, limited, false).statusCode());
            assertEquals(200, chat(b, limited, false).statusCode());
            assertEquals(429, chat(a, limited, false).statusCode());
            assertEquals(429, chat(b, limited, false).statusCode());
        }
    }

    @Test
    void failingOpenFallsBackToEachInstancesOwnLimitsAndSaysDegraded() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        try (TestRedis redis = TestRedis.start();
                Gatehouse a = instance(store, redis, RedisSettings.OnFailure.OPEN, List.of());
                Gatehouse b = instance(store, redis, RedisSettings.OnFailure.OPEN, List.of())) {
            String limited = key(a.control(), limits(2, null, null, null));
            assertEquals(200, chat(a, limited, false).statusCode());
            assertEquals(200, chat(b, limited, false).statusCode());
            assertEquals(429, chat(a, limited, false).statusCode(), "shared: the two above used the limit");
            redis.kill();
            // Each instance now counts alone: two each.
            assertEquals(200, chat(a, limited, false).statusCode());
            assertEquals(200, chat(a, limited, false).statusCode());
            assertEquals(429, chat(a, limited, false).statusCode());
            assertEquals(200, chat(b, limited, true).statusCode());
            HttpResponse<String> readiness = LimitedGateways.get(a, "/health/readiness");
            assertEquals(200, readiness.statusCode());
            assertTrue(readiness.body().contains("\"limits\":\"degraded\""), readiness.body());
            assertTrue(a.metrics().scrape().matches("(?s).*gatehouse_limit_fallbacks_total [1-9].*"));
            redis.restart();
            assertTrue(await(() -> !LimitedGateways.get(a, "/health/readiness").body().contains("degraded")
                    && !LimitedGateways.get(b, "/health/readiness").body().contains("degraded")),
                    "Redis is noticed back");
            assertEquals(200, chat(a, limited, false).statusCode());
            assertEquals(200, chat(b, limited, false).statusCode());
            assertEquals(429, chat(b, limited, false).statusCode(), "shared again");
        }
    }

    @Test
    void aRedisDownAtStartIsSeenBeforeTheFirstRequest() throws Exception {
        try (TestRedis redis = TestRedis.start()) {
            redis.kill();
            try (Gatehouse a = instance(TestPostgres.freshDatabase(), redis, RedisSettings.OnFailure.CLOSED,
                    List.of())) {
                assertTrue(await(() -> LimitedGateways.get(a, "/health/readiness").statusCode() == 503),
                        "not ready: limited requests would be refused");
                assertTrue(a.metrics().scrape().contains("gatehouse_redis_up 0"));
            }
        }
    }

    /** Waits, bounded, for something another thread or process does; true once it holds. */
    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
