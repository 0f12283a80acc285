package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.http.UpstreamLimits;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.testkit.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code server.max_upstream_body_bytes} and {@code max_upstream_event_bytes} reach the running
 * gateway's upstream calls (Helidon's client): an upstream whose answer never ends gets the caller
 * a 5xx that names the bound and the setting, and the gateway reads no further than the bound.
 */
class UpstreamLimitsHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String UNIT = "a".repeat(8 * 1024);

    private static HttpResponse<String> chat(RunningGateway gateway, boolean stream) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                .header("authorization", "Bearer " + gateway.apiKey).header("content-type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAbandoned(RunningGateway gateway) throws InterruptedException {
        for (int i = 0; i < 500 && gateway.openai.abandonedStreams() == 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(1, gateway.openai.abandonedStreams(), "the gateway closed the endless answer");
    }

    @Test
    void theConfiguredBoundsEndAnAnswerWithoutEnd() throws Exception {
        ServerSettings settings = ServerSettings.defaults().withUpstream(new UpstreamLimits(64 * 1024, 16 * 1024));
        try (RunningGateway gateway = new RunningGateway(settings)) {
            gateway.openai.enqueue(Reply.Endless.of("application/json", "{\"id\":\"", UNIT));
            HttpResponse<String> whole = chat(gateway, false);
            assertTrue(whole.statusCode() >= 500, whole.statusCode() + " " + whole.body());
            JsonNode error = Json.parseUpstream(whole.body(), "test").get("error");
            assertTrue(error.get("message").asText().contains("65536 bytes")
                    && error.get("message").asText().contains("max_upstream_body_bytes"), whole.body());
            assertAbandoned(gateway);

            gateway.openai.enqueue(Reply.Endless.of("text/event-stream", "data: {\"id\":\"", UNIT));
            HttpResponse<String> streamed = chat(gateway, true);
            assertTrue(streamed.statusCode() >= 500, streamed.statusCode() + " " + streamed.body());
            assertTrue(streamed.body().contains("16384 bytes") && streamed.body().contains("max_upstream_event_bytes"),
                    streamed.body());
        }
    }
}
