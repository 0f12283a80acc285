package dev.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A group of three where one deployment fails every request throughout: 10,000 requests, 32 at
 * a time, over real HTTP. At least 99.9 % must succeed, and the failing deployment must get
 * almost no traffic once it is cooled down (a few failures to trip it, then one probe per
 * cooldown period). The success ratio and the latency added, against the same load on a
 * healthy group, are printed for the record; no assertion is made on time.
 */
class SustainedFailureTest {

    private static final int REQUESTS = 10_000;
    private static final int CONCURRENCY = 32;

    private record Run(int succeeded, long[] nanos) {
        long percentile(double p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
        }
    }

    private static Deployment deployment(String id, FakeOpenAi fake) {
        return Deployment.builder("chat", "openai").id(id).baseUrl(fake.baseUrl()).apiKey(Secret.of(fake.apiKey()))
                .timeout(Duration.ofSeconds(2)).totalTimeout(Duration.ofSeconds(5)).build();
    }

    private static Gateway gateway(FakeOpenAi... fakes) {
        Gateway.Builder builder = Gateway.builder()
                .transport(new JdkHttpTransport(Duration.ofSeconds(2)))
                .routing(RoutingSettings.DEFAULTS.withBackoff(Duration.ofMillis(10), Duration.ofMillis(200))
                        .withCooldown(3, Duration.ofSeconds(10), Duration.ofSeconds(1)));
        for (int i = 0; i < fakes.length; i++) {
            builder.deployment(deployment("d" + i, fakes[i]));
        }
        return builder.build();
    }

    private static Run load(Gateway gateway) throws Exception {
        ChatRequest request = ChatRequest.of("chat", List.of(Message.User.of("Hi")));
        long[] nanos = new long[REQUESTS];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        try (ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY)) {
            List<Future<?>> all = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                all.add(workers.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < REQUESTS) {
                        long start = System.nanoTime();
                        try {
                            gateway.chat(request);
                            succeeded.incrementAndGet();
                        } catch (RuntimeException failed) {
                            // counted as a failure by its absence
                        }
                        nanos[i] = System.nanoTime() - start;
                    }
                }));
            }
            for (Future<?> worker : all) {
                worker.get();
            }
        }
        return new Run(succeeded.get(), nanos);
    }

    private static FakeOpenAi healthy() {
        FakeOpenAi fake = new FakeOpenAi();
        fake.otherwise(() -> fake.replyText("ok", new FakeUsage(5, 1)));
        return fake;
    }

    @Test
    void oneDeploymentFailingThroughoutCostsAlmostNothing() throws Exception {
        Run baseline;
        try (FakeOpenAi a = healthy(); FakeOpenAi b = healthy(); FakeOpenAi c = healthy()) {
            Gateway healthyGroup = gateway(a, b, c);
            load(healthyGroup); // warm-up: the JIT and the connection pools, so both runs start alike
            baseline = load(healthyGroup);
            assertEquals(REQUESTS, baseline.succeeded());
        }
        try (FakeOpenAi good1 = healthy(); FakeOpenAi good2 = healthy(); FakeOpenAi failing = new FakeOpenAi()) {
            failing.otherwise(() -> failing.replyError(ErrorKind.SERVER_ERROR));
            Gateway gateway = gateway(good1, failing, good2);
            long start = System.nanoTime();
            Run run = load(gateway);
            double seconds = (System.nanoTime() - start) / 1e9;
            double ratio = (double) run.succeeded() / REQUESTS;
            int toFailing = failing.requestCount();
            DeploymentStatus failingStatus = gateway.deploymentStatus().get(1);
            System.out.printf(java.util.Locale.ROOT, "sustained failure of 1 of 3 deployments: %d/%d succeeded "
                    + "(%.4f %%); the failing deployment got %d requests (%.2f %%) in %.1f s and was cooled down %d "
                    + "times; latency p50 %.2f ms / p99 %.2f ms, healthy group p50 %.2f ms / p99 %.2f ms "
                    + "(added p50 %.2f ms, p99 %.2f ms)%n",
                    run.succeeded(), REQUESTS, 100 * ratio, toFailing, 100.0 * toFailing / REQUESTS, seconds,
                    failingStatus.cooldowns(), run.percentile(0.5) / 1e6, run.percentile(0.99) / 1e6,
                    baseline.percentile(0.5) / 1e6, baseline.percentile(0.99) / 1e6,
                    (run.percentile(0.5) - baseline.percentile(0.5)) / 1e6,
                    (run.percentile(0.99) - baseline.percentile(0.99)) / 1e6);
            assertTrue(ratio >= 0.999, "success ratio " + ratio);
            // Tripping it takes a few failures; afterwards one probe per second of cooldown, plus the
            // requests that were already on their way when it tripped.
            long bound = 3L * CONCURRENCY + 2L * (long) Math.ceil(seconds) + 10;
            assertTrue(toFailing <= bound, toFailing + " requests reached the failing deployment; bound " + bound);
            assertTrue(toFailing < REQUESTS / 100, "almost no traffic: " + toFailing);
            good1.assertNoViolations();
            good2.assertNoViolations();
        }
    }
}
