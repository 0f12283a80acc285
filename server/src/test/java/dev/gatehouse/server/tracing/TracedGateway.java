package dev.gatehouse.server.tracing;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.Fallbacks;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.RoutingConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.telemetry.ObservabilitySettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.otlp.FakeOtlpReceiver;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A running gateway whose traces go to a {@link FakeOtlpReceiver}: the model {@code gpt} on a
 * fake OpenAI and {@code claude} on a fake Anthropic, with one retry, and the telemetry settings a
 * test chooses.
 */
final class TracedGateway implements AutoCloseable {

    final FakeOtlpReceiver receiver = new FakeOtlpReceiver();
    final FakeOpenAi openai = new FakeOpenAi();
    final FakeAnthropic anthropic = new FakeAnthropic();
    final Gatehouse gatehouse;
    final String apiKey;

    TracedGateway(UnaryOperator<TelemetrySettings> settings) {
        TelemetrySettings telemetry = settings.apply(TelemetrySettings.exportingTo(receiver.tracesUrl())
                .withExport(64, 8, Duration.ofMillis(20), Duration.ofSeconds(5)));
        ServerSettings d = ServerSettings.defaults();
        GatehouseConfig config = new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(2)),
                List.of(Deployment.builder("gpt", "openai").upstreamModel("gpt-4o").baseUrl(openai.baseUrl())
                        .apiKey(Secret.of(openai.apiKey())).timeout(Duration.ofSeconds(5)).build(),
                        Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
                                .baseUrl(anthropic.baseUrl()).apiKey(Secret.of(anthropic.apiKey()))
                                .timeout(Duration.ofSeconds(5)).build()),
                Set.of("127.0.0.1"))
                .withRouting(new RoutingConfig(RoutingSettings.DEFAULTS.withRetries(1)
                        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)), Map.of(), Fallbacks.NONE))
                .withObservability(new ObservabilitySettings(telemetry,
                        ObservabilitySettings.DEFAULTS.logging(), ObservabilitySettings.DEFAULTS.metrics()));
        TestStores.Started started = TestStores.start(config);
        gatehouse = started.gatehouse();
        apiKey = started.apiKey();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + gatehouse.port() + path);
    }

    /** POSTs {@code body} to {@code path} with the test's key and {@code headers}; the answer's body. */
    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("content-type", "application/json")
                .header("authorization", "Bearer " + apiKey).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A chat request for {@code gpt} saying {@code prompt}. */
    HttpResponse<String> chat(String prompt, boolean stream, String... headers)
            throws IOException, InterruptedException {
        return post("/v1/chat/completions", "{\"model\":\"gpt\",\"max_tokens\":50,\"temperature\":0.25,"
                + "\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}",
                headers);
    }

    String scrape() throws IOException, InterruptedException {
        return gatehouse.metrics().scrape();
    }

    @Override
    public void close() {
        gatehouse.close();
        openai.close();
        anthropic.close();
        receiver.close();
    }
}
