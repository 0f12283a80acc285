package dev.gatehouse.server.e2e;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.gemini.FakeGemini;
import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import dev.gatehouse.server.testing.TestStores;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real server on a free port, in front of one fake of each provider family: the model
 * {@code gpt} on OpenAI, {@code grok} on xAI, {@code claude} on Anthropic (and
 * {@code claude-translated}, the same with the Anthropic front door's native path off),
 * {@code gemini} on Gemini, and {@code mock} on the built-in mock provider.
 */
final class RunningGateway implements AutoCloseable {

    final FakeOpenAi openai = new FakeOpenAi();
    final FakeOpenAi xai = new FakeOpenAi(Dialect.XAI);
    final FakeAnthropic anthropic = new FakeAnthropic();
    final FakeGemini gemini = new FakeGemini();
    final Gatehouse gatehouse;
    /** A virtual key that may use every model and endpoint. */
    final String apiKey;

    RunningGateway() {
        this(ServerSettings.defaults());
    }

    RunningGateway(ServerSettings base) {
        this(base, dev.gatehouse.server.telemetry.ObservabilitySettings.DEFAULTS);
    }

    /** With the traces, logs and metrics {@code observability} asks for. */
    RunningGateway(ServerSettings base, dev.gatehouse.server.telemetry.ObservabilitySettings observability) {
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, base.maxBodyBytes(), base.maxMessages(),
                base.maxHeaderBytes(), Duration.ofSeconds(2)).withUpstream(base.upstream());
        TestStores.Started started = TestStores.start(new GatehouseConfig(settings, List.of(
                deployment("gpt", "openai", "gpt-4o", openai),
                deployment("grok", "xai", "grok-4", xai),
                deployment("claude", "anthropic", "claude-sonnet-4-5", anthropic),
                // The same upstream through the canonical translation, not the Anthropic front door's native path.
                Deployment.builder("claude-translated", "anthropic").upstreamModel("claude-sonnet-4-5")
                        .baseUrl(anthropic.baseUrl()).apiKey(Secret.of(anthropic.apiKey())).timeout(Duration.ofSeconds(5))
                        .options(Map.of("native_messages", "false")).build(),
                deployment("gemini", "gemini", "gemini-2.5-flash", gemini),
                Deployment.builder("mock", "mock").options(Map.of("stream_delay_ms", "0")).build()),
                // The fakes listen on loopback; a real deployment needs allow_private_network for that.
                Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT).withObservability(observability));
        gatehouse = started.gatehouse();
        apiKey = started.apiKey();
    }

    private static Deployment deployment(String model, String provider, String upstream, FakeProvider fake) {
        return Deployment.builder(model, provider).upstreamModel(upstream).baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).timeout(Duration.ofSeconds(5)).build();
    }

    /** The fake behind a public model name. */
    FakeProvider fake(String model) {
        return switch (model) {
            case "gpt" -> openai;
            case "grok" -> xai;
            case "claude", "claude-translated" -> anthropic;
            case "gemini" -> gemini;
            default -> throw new IllegalArgumentException(model);
        };
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1");
    }

    /** No fake received anything. */
    boolean nothingReachedAnUpstream() {
        return openai.requests().isEmpty() && xai.requests().isEmpty() && anthropic.requests().isEmpty()
                && gemini.requests().isEmpty();
    }

    @Override
    public void close() {
        gatehouse.close();
        openai.close();
        xai.close();
        anthropic.close();
        gemini.close();
    }
}
