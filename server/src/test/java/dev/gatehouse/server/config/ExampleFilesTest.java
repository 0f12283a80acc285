package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The example files in config/ load as documented. */
class ExampleFilesTest {

    /** config/ of the repository; tests run in the server module's directory. */
    static final Path EXAMPLES = Path.of("..", "config");

    static ConfigLoader.Loaded load(String name) {
        Path file = EXAMPLES.resolve(name);
        assertTrue(Files.isRegularFile(file), () -> file.toAbsolutePath() + " is missing");
        // The example refers to one stored credential; a gateway would read it from its store.
        ConfigLoader.Loaded loaded = Configs.loader().withStoredSecrets(stored -> stored.equals("gemini-prod")
                ? java.util.Optional.of(dev.gatehouse.secret.Secret.of("AIza-stored-Kd82nV")) : java.util.Optional.empty())
                .load(file);
        assertEquals(List.of(), loaded.problems(), name + " must be valid");
        return loaded;
    }

    @Test
    void theGatehouseExampleIsValidAndUsesEverySetting() {
        ConfigLoader.Loaded loaded = load("gatehouse.example.yaml");
        assertEquals(List.of(), loaded.warnings());
        GatehouseConfig config = loaded.config();
        assertEquals(ServerSettings.defaults(), config.server(), "the example shows the defaults");
        assertEquals(dev.gatehouse.server.limit.LimitSettings.DEFAULTS, config.limits(), "and the limiter's");
        assertEquals(dev.gatehouse.server.responses.ResponsesSettings.DEFAULTS, config.responses(), "and the stored"
                + " responses'");
        assertEquals(dev.gatehouse.server.metrics.MetricsSettings.DEFAULTS, config.observability().metrics(),
                "and the metrics'");
        assertEquals(dev.gatehouse.server.tracing.TelemetrySettings.DEFAULTS, config.observability().telemetry(),
                "and the traces' (no endpoint: nothing exported)");
        assertEquals(dev.gatehouse.server.logging.LoggingSettings.DEFAULTS, config.observability().logging(),
                "and the log's");
        assertEquals(dev.gatehouse.server.console.ConsoleSettings.DEFAULTS, config.console(), "and the console's");
        assertEquals(List.of("gpt-4o", "claude-sonnet", "claude-sonnet", "gemini-flash", "claude-bedrock",
                "gpt-4o-azure", "command-a", "gemini-vertex", "llama-70b", "llama-local", "qwen-coder",
                "text-embedding-3-small", "cohere-embed-query", "gpt-image-1", "flux-pro", "test-model", "openai/*"), config.deployments().stream().map(Deployment::model).toList());
        assertEquals(Set.of("localhost", "10.0.0.12"), config.privateNetworkHosts());
        assertEquals(Set.of("fast", "general"), config.accessGroupsOf("gemini-flash"));
        assertEquals(Set.of(), config.accessGroupsOf("gpt-4o"));
        String text = Configs.read(EXAMPLES.resolve("gatehouse.example.yaml"));
        for (String key : allKeys()) {
            assertTrue(text.contains(key + ":"), "the example shows " + key);
        }
    }

    @Test
    void theLiteLlmExampleIsValid() {
        GatehouseConfig config = load("litellm.example.yaml").config();
        assertEquals(8, config.deployments().size());
        assertEquals(Set.of("internal"), config.accessGroupsOf("vllm-model"));
        assertEquals(java.util.Optional.of(new dev.gatehouse.server.cache.CacheSettings.ModelCache(
                java.time.Duration.ofSeconds(600), false)), config.cache().of("gpt-4o"), "litellm_settings.cache");
        assertEquals(dev.gatehouse.server.guardrail.GuardrailSettings.Action.MASK,
                config.guardrails().forModel("gpt-4o").secrets().action(), "the hide-secrets guardrail");
    }

    static List<String> allKeys() {
        // model_info's max_tokens is LiteLLM's older name for max_output_tokens, which the example shows.
        List<String> modelInfo = ModelInfoSection.KEYS.stream().filter(key -> !key.equals("max_tokens")).toList();
        return java.util.stream.Stream.of(GatehouseFormat.TOP_KEYS, ServerSection.KEYS, GatehouseFormat.DEFAULTS_KEYS,
                GatehouseFormat.MODEL_KEYS, SpendSection.KEYS, PricingSection.KEYS, RedisSection.KEYS, LimitsSection.KEYS,
                modelInfo, ResponsesSection.KEYS, MetricsSection.KEYS, TelemetrySection.KEYS, LoggingSection.KEYS,
                ConsoleSection.KEYS, ConsoleSection.OIDC_KEYS, CacheSection.KEYS, CacheSection.MODEL_KEYS)
                .flatMap(List::stream).toList();
    }
}
