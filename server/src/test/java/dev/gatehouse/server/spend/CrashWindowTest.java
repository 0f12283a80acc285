package dev.gatehouse.server.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash loses at most the last flush interval of the spend log: a gateway in its own JVM is
 * killed with {@code kill -9} under load, and every request that was answered longer than the
 * window before the kill has its row in the database (PostgreSQL, which keeps what it committed).
 *
 * <p>The window is the flush interval plus one second: a row waits at most one flush interval in
 * the queue, and then the time of its batch's write, which on a shared two-core machine under
 * load is not negligible. The test asserts on which requests have rows, not on how long anything
 * took.
 */
class CrashWindowTest {

    static final Duration WINDOW = SpendSettings.DEFAULT_FLUSH_INTERVAL.plusSeconds(1);
    static final int CLIENTS = 4;

    @Test
    void killNineLosesAtMostTheLastFlushInterval(@TempDir Path dir) throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        Path ready = dir.resolve("ready");
        Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashTarget.class.getName(), store.jdbcUrl(),
                store.user().orElseThrow(), ready.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile()).start();
        try {
            for (int i = 0; i < 600 && !Files.exists(ready) && gateway.isAlive(); i++) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(ready), "the gateway started: " + Files.readString(dir.resolve("gateway.log")));
            String[] portAndKey = Files.readString(ready).split(" ");
            URI uri = URI.create("http://127.0.0.1:" + portAndKey[0] + "/v1/chat/completions");

            Map<String, Long> answeredAt = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger sequence = new AtomicInteger();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        String id = "crash-" + sequence.incrementAndGet();
                        try {
                            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri)
                                    .header("authorization", "Bearer " + portAndKey[1])
                                    .header("content-type", "application/json").header("x-request-id", id)
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock\",\"messages\":"
                                            + "[{\"role\":\"user\",\"content\":\"spend " + id + "\"}]}")).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() == 200) {
                                answeredAt.put(id, System.nanoTime());
                            }
                        } catch (Exception gatewayKilled) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            // Load for a few windows' worth, so that many rows are older than the window at the kill.
            Thread.sleep(WINDOW.multipliedBy(3).toMillis());
            long killedAt = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(gateway.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -9 ran");
            gateway.waitFor();
            running.set(false);
            clients.shutdown();
            clients.close();

            Set<String> mustBeThere = new HashSet<>();
            answeredAt.forEach((id, at) -> {
                if (at < killedAt - WINDOW.toNanos()) {
                    mustBeThere.add(id);
                }
            });
            assertTrue(mustBeThere.size() > 100, "the load ran long enough to test something: " + mustBeThere.size());
            Set<String> logged;
            try (Database database = Database.open(store)) {
                logged = new HashSet<>(database.query("SELECT request_id FROM spend_log", r -> r.getString(1)));
            }
            Set<String> missing = new HashSet<>(mustBeThere);
            missing.removeAll(logged);
            assertEquals(Set.of(), missing, "rows of requests answered before the window (" + mustBeThere.size()
                    + " of " + answeredAt.size() + " answered; " + logged.size() + " logged)");
            assertEquals(List.of(), logged.stream().filter(id -> !id.startsWith("crash-")).toList(),
                    "no row of a request that was not sent");
            assertTrue(logged.size() <= sequence.get(), "at most one row per request sent");
        } finally {
            gateway.destroyForcibly();
        }
    }
}
