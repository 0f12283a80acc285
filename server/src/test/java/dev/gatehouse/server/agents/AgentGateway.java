package dev.gatehouse.server.agents;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.spend.SpendQueries;
import dev.gatehouse.server.testing.Await;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The real gateway on a free loopback port for the agent tests, with three public models:
 * {@code gpt} on an OpenAI fake, served through the canonical translation (Chat Completions
 * upstream; its native Responses path is turned off), {@code claude} on an Anthropic fake, and
 * {@code gpt-native} on another OpenAI fake that takes Responses requests as written. A virtual
 * key may use them all.
 */
final class AgentGateway implements AutoCloseable {

    static final String OPENAI_MODEL = "gpt";
    static final String ANTHROPIC_MODEL = "claude";
    /** A GPT model whose OpenAI deployment takes Responses requests as written (the native path). */
    static final String NATIVE_RESPONSES_MODEL = "gpt-native";

    final FakeOpenAi openai = new FakeOpenAi();
    final FakeOpenAi openaiNative = new FakeOpenAi();
    final FakeAnthropic anthropic = new FakeAnthropic();
    private final TestStores.Started started;

    AgentGateway() {
        ServerSettings defaults = ServerSettings.defaults();
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, defaults.maxBodyBytes(), defaults.maxMessages(),
                defaults.maxHeaderBytes(), Duration.ofSeconds(2)).withUpstream(defaults.upstream());
        started = TestStores.start(new GatehouseConfig(settings, List.of(
                deployment(OPENAI_MODEL, "openai", "gpt-5.1", openai)
                        // The translated path to Chat Completions, not the passthrough of Responses to OpenAI's own.
                        .options(Map.of("native_responses", "false")).build(),
                deployment(ANTHROPIC_MODEL, "anthropic", "claude-sonnet-4-5", anthropic).build(),
                deployment(NATIVE_RESPONSES_MODEL, "openai", "gpt-5.1", openaiNative).build()),
                // The fakes listen on loopback; a real deployment needs allow_private_network for that.
                Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT));
    }

    private static Deployment.Builder deployment(String model, String provider, String upstream, FakeProvider fake) {
        return Deployment.builder(model, provider).upstreamModel(upstream).baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).timeout(Duration.ofSeconds(30));
    }

    /** The gateway's origin, {@code http://127.0.0.1:PORT}, without {@code /v1}. */
    String origin() {
        return "http://127.0.0.1:" + started.port();
    }

    String apiKey() {
        return started.apiKey();
    }

    /** The fake behind a public model name. */
    FakeProvider fake(String model) {
        return switch (model) {
            case OPENAI_MODEL -> openai;
            case NATIVE_RESPONSES_MODEL -> openaiNative;
            default -> anthropic;
        };
    }

    /** Makes the fake behind {@code model} play the model of the file-reading task ({@link FileReadingModel}). */
    void playFileReadingModel(String model, java.nio.file.Path file) {
        if (model.equals(OPENAI_MODEL)) {
            FileReadingModel.play(openai, file);
        } else if (model.equals(NATIVE_RESPONSES_MODEL)) {
            FileReadingModel.playResponses(openaiNative, file);
        } else {
            FileReadingModel.play(anthropic, file);
        }
    }

    /**
     * The spend log's total for a model, once it holds {@code requests} rows: the log is written in
     * batches, behind the answers. Fails when it never does.
     */
    SpendQueries.Total spendOnceLogged(String model, long requests) {
        SpendQueries spend = started.gatehouse().spendQueries();
        Await.until(() -> total(spend, model).map(t -> t.requests() >= requests).orElse(false),
                "the spend log holds " + requests + " rows for " + model);
        return total(spend, model).orElseThrow();
    }

    private static Optional<SpendQueries.Total> total(SpendQueries spend, String model) {
        return spend.byModel(Instant.EPOCH, Instant.now().plus(Duration.ofDays(1))).stream()
                .filter(t -> t.group().equals(model)).findFirst();
    }

    @Override
    public void close() {
        started.close();
        openai.close();
        openaiNative.close();
        anthropic.close();
    }
}
