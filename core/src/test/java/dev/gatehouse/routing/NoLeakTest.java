package dev.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * 10,000 requests that fail (server errors, dropped connections, malformed bodies, streams
 * broken midway) or that the caller abandons mid-stream, with retries across a group of two:
 * afterwards the upstream connections still open and the live threads are back to what they
 * were after a warm-up at the same concurrency.
 */
class NoLeakTest {

    private static final int REQUESTS = 10_000;
    private static final int CONCURRENCY = 16;

    private static void script(FakeOpenAi fake, AtomicInteger counter) {
        fake.otherwise(() -> {
            switch (counter.getAndIncrement() % 5) {
                case 0 -> fake.replyError(ErrorKind.SERVER_ERROR);
                case 1 -> fake.enqueue(new Reply.Drop());
                case 2 -> fake.enqueue(Reply.Full.json(200, "{\"choices\": [nope"));
                case 3 -> fake.streamTextThenDrop(List.of("Hel", "lo"));
                default -> fake.streamSlowly(10, 10); // a caller streaming abandons it after two chunks
            }
        });
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName() + "#" + t.threadId()));
        return names;
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Waits (up to 15 s) for {@code condition} on the current count; true when it held. */
    private static boolean settles(java.util.function.IntSupplier count, IntPredicate condition) throws Exception {
        for (int i = 0; i < 150; i++) {
            if (condition.test(count.getAsInt())) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.test(count.getAsInt());
    }

    private static void run(Gateway gateway, int requests, boolean stream) throws Exception {
        ChatRequest request = ChatRequest.of("chat", List.of(Message.User.of("Hi")));
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY)) {
            List<Future<?>> all = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                all.add(workers.submit(() -> {
                    while (next.getAndIncrement() < requests) {
                        try {
                            if (stream) {
                                try (ChatStream chunks = gateway.chatStream(request)) {
                                    // The caller reads two chunks and goes away: close abandons the rest.
                                    for (int i = 0; i < 2 && chunks.hasNext(); i++) {
                                        chunks.next();
                                    }
                                }
                            } else {
                                gateway.chat(request);
                            }
                        } catch (GatewayException expected) {
                            // failing is what these requests are for
                        }
                    }
                }));
            }
            for (Future<?> worker : all) {
                worker.get();
            }
        }
    }

    @Test
    void failingAndCancelledRequestsLeaveNoConnectionOrThreadBehind() throws Exception {
        try (FakeOpenAi one = new FakeOpenAi(); FakeOpenAi two = new FakeOpenAi()) {
            Gateway gateway = Gateway.builder()
                    .transport(new JdkHttpTransport(Duration.ofSeconds(2)))
                    .deployment(Deployment.builder("chat", "openai").baseUrl(one.baseUrl())
                            .apiKey(Secret.of(one.apiKey())).timeout(Duration.ofSeconds(2)).build())
                    .deployment(Deployment.builder("chat", "openai").baseUrl(two.baseUrl())
                            .apiKey(Secret.of(two.apiKey())).timeout(Duration.ofSeconds(2)).build())
                    // Never cooled down, so that every request really reaches an upstream and fails there.
                    .routing(RoutingSettings.DEFAULTS.withBackoff(Duration.ZERO, Duration.ZERO)
                            .withCooldown(1000, Duration.ofMillis(1), Duration.ZERO))
                    .build();
            // Warm-up at the same concurrency: connection pools, client threads, the deadline timer, and
            // the JDK's own timer for sleeping virtual threads (the fakes' slow streams start it once).
            one.otherwise(() -> one.streamSlowly(3, 5));
            two.otherwise(() -> two.streamSlowly(3, 5));
            run(gateway, 500, true);
            one.otherwise(() -> one.replyText("ok", new FakeUsage(1, 1)));
            two.otherwise(() -> two.replyText("ok", new FakeUsage(1, 1)));
            run(gateway, 500, false);
            int baselineThreads = threads();
            java.util.Set<String> baselineNames = threadNames();
            int baselineConnections = one.openConnections() + two.openConnections();

            AtomicInteger counter = new AtomicInteger();
            script(one, counter);
            script(two, counter);
            run(gateway, REQUESTS / 2, false);
            run(gateway, REQUESTS / 2, true);
            int served = one.requestCount() + two.requestCount() - 2000;

            boolean connectionsBack = settles(() -> one.openConnections() + two.openConnections(),
                    open -> open <= baselineConnections);
            boolean threadsBack = settles(NoLeakTest::threads, live -> live <= baselineThreads);
            System.out.printf("no leak: %d requests (%d upstream attempts); open upstream connections %d "
                    + "(baseline %d), live threads %d (baseline %d)%n", REQUESTS, served,
                    one.openConnections() + two.openConnections(), baselineConnections, threads(), baselineThreads);
            assertTrue(served >= REQUESTS, "every request reached an upstream at least once: " + served);
            assertTrue(connectionsBack, "open connections back to " + baselineConnections);
            java.util.Set<String> extra = threadNames();
            extra.removeAll(baselineNames);
            assertTrue(threadsBack, "live threads back to " + baselineThreads + "; new: " + extra);
            assertEquals(0, gateway.deploymentStatus().stream().mapToInt(DeploymentStatus::inFlight).sum(),
                    "nothing counted in flight");
        }
    }
}
