package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stopping the server lets a stream in progress finish, within the drain timeout, and accepts nothing new. */
class GracefulShutdownTest {

    @Test
    void anOpenStreamFinishesWhileTheServerStops() throws Exception {
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, 1 << 20, 100, 16 * 1024, Duration.ofSeconds(10));
        TestStores.Started started = TestStores.start(new GatehouseConfig(settings,
                List.of(Deployment.builder("slow", "mock").options(Map.of("stream_delay_ms", "40")).build()), Set.of()));
        Gatehouse gatehouse = started.gatehouse();
        URI uri = URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1/chat/completions");
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> streaming = http.sendAsync(HttpRequest.newBuilder(uri)
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + started.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"slow\",\"stream\":true,\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"one two three four five six\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        // Wait until the stream is under way, bounded, then stop the server under it.
        for (int i = 0; i < 250 && !gatehouse.metrics().scrape().contains("gatehouse_open_streams 1"); i++) {
            Thread.sleep(10);
        }
        assertTrue(gatehouse.metrics().scrape().contains("gatehouse_open_streams 1"), "the stream started");
        gatehouse.close();
        String body = streaming.get().body();
        assertTrue(body.strip().endsWith("data: [DONE]"), "the open stream ran to its end: " + body);
        assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString()), "nothing new is accepted");
    }
}
