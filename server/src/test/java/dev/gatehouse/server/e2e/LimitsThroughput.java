package dev.gatehouse.server.e2e;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.testing.TestRedis;
import dev.gatehouse.server.testing.TestStores;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * A measurement, not a test: requests per second on one instance (mock provider, so no upstream
 * time) for a key without limits, a key with every limit in memory, and the same on a real
 * redis-server. The limits are set so high that nothing is refused: what is measured is the
 * cost of counting. Run from the test classpath:
 * {@code java -cp … dev.gatehouse.server.e2e.LimitsThroughput [seconds] [concurrency]}.
 */
public final class LimitsThroughput {

    private static final System.Logger LOG = System.getLogger(LimitsThroughput.class.getName());

    private LimitsThroughput() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Limits all = new Limits(new BigDecimal("1000000"), new BigDecimal("900000"), "monthly", "Europe/Berlin",
                1_000_000_000, 1_000_000_000_000L, 1_000_000);
        try (TestRedis redis = TestRedis.start()) {
            Limits rates = new Limits(null, null, null, null, 1_000_000_000, 1_000_000_000_000L, 1_000_000);
            // Its own max_parallel_requests lifts the in-flight bound a budget gets by default (20).
            Limits budget = new Limits(new BigDecimal("1000000"), null, "monthly", "Europe/Berlin", null, null,
                    1_000_000);
            for (int round = 0; round < 2; round++) {
                measure("off", null, Limits.NONE, seconds, concurrency);
                measure("rates in memory", null, rates, seconds, concurrency);
                measure("budget in memory", null, budget, seconds, concurrency);
                measure("all in memory", null, all, seconds, concurrency);
                measure("all on redis", redis.settings(RedisSettings.OnFailure.CLOSED), all, seconds, concurrency);
            }
        }
    }

    private static void measure(String name, RedisSettings redis, Limits limits, int seconds, int concurrency)
            throws Exception {
        try (Gatehouse gatehouse = LimitedGateways.start(TestStores.h2ControlPlane(), redis, Clock.systemUTC(),
                List.of()); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            String key = LimitedGateways.key(gatehouse.control(), limits);
            run(gatehouse, key, pool, concurrency, 2);
            LongAdder done = run(gatehouse, key, pool, concurrency, seconds);
            LOG.log(System.Logger.Level.WARNING, "limits {0}: {1} requests/s ({2} clients, {3} s)", name,
                    done.sum() / seconds, concurrency, seconds);
        }
    }

    private static LongAdder run(Gatehouse gatehouse, String key, ExecutorService pool, int concurrency,
            int seconds) throws Exception {
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int status = LimitedGateways.chat(gatehouse, key, false).statusCode();
                    if (status != 200) {
                        throw new IllegalStateException("status " + status);
                    }
                    done.increment();
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        return done;
    }
}
