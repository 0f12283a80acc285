package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse serve} as a process: standard error carries one line per record, as text
 * until the configuration is read, then as its {@code logging:} section says.
 */
class ServeLogsTest {

    @Test
    void afterTheConfigurationIsReadEveryLineIsJsonAndEachRequestHasItsAccessLine(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("gatehouse.yaml");
        Files.writeString(file, """
                logging:
                  format: json
                models:
                  - name: mock
                    provider: mock
                    model: mock
                """);
        Process serve = ChildJvm.start("128m", Main.class, Map.of(), "serve", "--allow-root", "--config",
                file.toString(), "--port", "0", "--data-dir", dir.resolve("data").toString());
        // Read while it runs: a full pipe would stop the child.
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> {
            try {
                return serve.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<String> stderr;
        String url;
        String requestId = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8));
            url = ServeOutput.listeningOn(out);
            if (url != null) {
                assertEquals("Admin console on " + url + "/ui", out.readLine(), "where the console is, next");
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url + "/health/liveness")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
                requestId = health.headers().firstValue("x-request-id").orElseThrow();
            }
        } finally {
            // SIGTERM: the server drains and stops. (Process.destroy would also close the pipes being read.)
            serve.toHandle().destroy();
            assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve stopped");
            stderr = new String(errors.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8).lines().toList();
        }
        assertTrue(url != null, "serve listened: " + String.join("\n", stderr));
        // Lines written before the configuration was read (opening the store) are text; every one after is JSON.
        int firstJson = 0;
        while (firstJson < stderr.size() && !stderr.get(firstJson).startsWith("{")) {
            assertTrue(stderr.get(firstJson).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z [A-Z]+ \\S+ .*"),
                    "one text line per record: " + stderr.get(firstJson));
            firstJson++;
        }
        List<JsonNode> json = new ArrayList<>();
        for (String line : stderr.subList(firstJson, stderr.size())) {
            try {
                json.add(Json.mapper().readTree(line));
            } catch (IOException e) {
                fail("not a JSON line: " + line + " in " + stderr);
            }
        }
        assertTrue(json.stream().anyMatch(line -> line.path("logger").asText().startsWith("io.helidon")),
                "other libraries' lines are JSON too: " + stderr);
        List<JsonNode> access = json.stream().filter(line -> line.path("logger").asText().equals("gatehouse.access"))
                .toList();
        assertEquals(1, access.size(), stderr.toString());
        assertEquals("health", access.get(0).get("route").asText());
        assertEquals(requestId, access.get(0).get("request_id").asText());
        // The JDK resets logging in a shutdown hook of its own; the log must outlive it while the server stops.
        assertTrue(json.stream().anyMatch(line -> line.path("message").asText().contains("stopped all channels")),
                "what is logged while the server stops is written: " + stderr);
    }
}
