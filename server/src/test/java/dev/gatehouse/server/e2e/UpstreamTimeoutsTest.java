package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import dev.gatehouse.server.testing.TestStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The server's upstream timeouts: first byte, pause between chunks, and total. */
class UpstreamTimeoutsTest {

    private static HttpResponse<String> call(TestStores.Started gatehouse, boolean stream) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + gatehouse.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static TestStores.Started start(FakeOpenAi fake, Duration timeout, Duration total) {
        ServerSettings defaults = ServerSettings.defaults();
        return TestStores.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, defaults.maxBodyBytes(),
                defaults.maxMessages(), defaults.maxHeaderBytes(), Duration.ofSeconds(1)),
                List.of(Deployment.builder("m", "openai").baseUrl(fake.baseUrl()).apiKey(Secret.of(fake.apiKey()))
                        .timeout(timeout).totalTimeout(total).build()), Set.of("127.0.0.1"))
                .withRouting(TestStores.ONE_ATTEMPT));
    }

    @Test
    void anUpstreamThatNeverAnswersIsAGatewayTimeout() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi(); TestStores.Started gatehouse = start(fake, Duration.ofMillis(300),
                Duration.ofSeconds(5))) {
            fake.enqueue(new Reply.Hang());
            HttpResponse<String> response = call(gatehouse, false);
            assertEquals(504, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"code\":\"upstream_timeout\""), response.body());
        }
    }

    @Test
    void aStreamPastItsTotalTimeoutEndsWithATimeoutEvent() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi(); TestStores.Started gatehouse = start(fake, Duration.ofSeconds(2),
                Duration.ofMillis(500))) {
            fake.streamSlowly(200, 20);
            HttpResponse<String> response = call(gatehouse, true);
            assertEquals(200, response.statusCode());
            String last = response.body().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(last.startsWith("data: {\"error\"") && last.contains("upstream_timeout"), last);
        }
    }

    @Test
    void aStreamThatStallsBetweenChunksEndsWithATimeoutEvent() throws Exception {
        try (FakeOpenAi fake = new FakeOpenAi(); TestStores.Started gatehouse = start(fake, Duration.ofMillis(300),
                Duration.ofSeconds(30))) {
            String chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n";
            fake.enqueue(new Reply.Stream(200, Map.of("content-type", "text/event-stream"), List.of(
                    Reply.Frame.of(chunk), new Reply.Frame(chunk, Duration.ofSeconds(3))), false));
            HttpResponse<String> response = call(gatehouse, true);
            String last = response.body().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(last.contains("upstream_timeout"), response.body());
        }
    }
}
