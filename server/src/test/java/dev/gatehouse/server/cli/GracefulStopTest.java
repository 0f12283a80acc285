package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse serve} stopped with SIGTERM under load, on its embedded store: every request it
 * answered has its spend row. (H2 closes a database in a shutdown hook of its own unless told not
 * to; it used to close the store while Gatehouse's hook was still writing the last rows.)
 */
class GracefulStopTest {

    static final int CLIENTS = 4;

    @Test
    void aStopUnderLoadWritesTheSpendRowOfEveryAnsweredRequest(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        // --allow-root: CI runs as root; elsewhere the option changes nothing.
        Process serve = ChildJvm.start("256m", Main.class, Map.of(), "serve", "--allow-root", "--port", "0",
                "--data-dir", store.toString());
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(serve.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String url = ServeOutput.listeningOn(out);
            assertTrue(url != null, "serve listened");
            // Keep reading standard output, so that a full pipe never holds the child.
            CompletableFuture.runAsync(() -> drain(out));
            Path keys = store.resolve(FirstStart.FILE); // written once the first start has made the keys
            for (int i = 0; i < 600 && !Files.exists(keys); i++) {
                Thread.sleep(50);
            }
            Matcher key = Pattern.compile("gtw_vk_[A-Za-z0-9_-]+").matcher(Files.readString(keys));
            assertTrue(key.find(), "the first start wrote a key");
            URI chat = URI.create(url + "/v1/chat/completions");

            AtomicBoolean running = new AtomicBoolean(true);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        String id = "stop-" + sent.incrementAndGet();
                        try {
                            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(chat)
                                    .header("authorization", "Bearer " + key.group())
                                    .header("content-type", "application/json").header("x-request-id", id)
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gatehouse-mock\","
                                            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + id + "\"}]}"))
                                    .build(), HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() == 200) {
                                answered.add(id);
                            }
                        } catch (IOException stopped) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            // Until a good number of requests were answered, so that rows are in flight at the stop.
            for (int i = 0; i < 600 && answered.size() < 300; i++) {
                Thread.sleep(50);
            }
            serve.toHandle().destroy(); // SIGTERM, while the clients still send
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve stopped");
            running.set(false);
            clients.shutdown();
            clients.close();
        } finally {
            serve.destroyForcibly();
        }
        String stderr = errors.get(60, TimeUnit.SECONDS);
        assertTrue(answered.size() >= 300, "the load ran long enough to test something: " + answered.size()
                + " answered\n" + stderr);
        assertFalse(stderr.contains("spend rows"), "no spend row was lost: " + stderr);

        Set<String> logged;
        try (Database database = Database.open(StoreSettings.embedded(store))) {
            logged = new HashSet<>(database.query("SELECT request_id FROM spend_log", r -> r.getString(1)));
        }
        Set<String> missing = new HashSet<>(answered);
        missing.removeAll(logged);
        assertEquals(Set.of(), missing, "rows of answered requests (" + answered.size() + " answered, "
                + logged.size() + " logged)");
        assertTrue(logged.size() <= sent.get(), "at most one row per request sent");
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // what serve prints after it listens is not under test
            }
        } catch (IOException closed) {
            // the child has ended
        }
    }
}
