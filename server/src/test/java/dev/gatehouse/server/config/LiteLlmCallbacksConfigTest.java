package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.tracing.TelemetrySettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's logging callbacks (docs.litellm.ai/docs/proxy/logging): otel is Gatehouse's OTLP traces,
 * set from the environment as LiteLLM's is (docs.litellm.ai/docs/observability/opentelemetry_integration);
 * prometheus is /metrics; the others are warnings naming them.
 */
class LiteLlmCallbacksConfigTest {

    private static final String MODELS = """
            model_list:
              - model_name: m
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/OPENAI_API_KEY
            """;
    private static final String TOKEN = "otel-test-token-Mv28";

    private static ConfigLoader.Loaded load(Map<String, String> extra, String settings) {
        Map<String, String> env = new HashMap<>(Configs.ENV);
        env.putAll(extra);
        ConfigLoader.Loaded loaded = Configs.loader(env::get).parse(MODELS + settings, "litellm.yaml");
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        return loaded;
    }

    private static TelemetrySettings telemetry(ConfigLoader.Loaded loaded) {
        return loaded.config().observability().telemetry();
    }

    @Test
    void otelSendsTracesWhereLiteLlmsVariablesSay() {
        ConfigLoader.Loaded loaded = load(Map.of("OTEL_EXPORTER", "otlp_http", "OTEL_ENDPOINT",
                "https://api.traceloop.com", "OTEL_HEADERS", "Authorization=Bearer%20" + TOKEN),
                "litellm_settings:\n  callbacks: [\"otel\"]\n");
        assertEquals(URI.create("https://api.traceloop.com/v1/traces"), telemetry(loaded).tracesUrl());
        assertEquals("Bearer " + TOKEN, telemetry(loaded).headers().get("authorization").reveal());
        assertTrue(loaded.warnings().isEmpty(), () -> loaded.warnings().toString());
        assertTrue(!loaded.warnings().toString().contains(TOKEN));
    }

    @Test
    void theStandardVariablesWinAndLiteLlmsAreReadOnlyForTheCallback() {
        Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector.internal:4318",
                "OTEL_ENDPOINT", "https://api.traceloop.com");
        assertEquals(URI.create("http://collector.internal:4318/v1/traces"),
                telemetry(load(env, "litellm_settings:\n  success_callback: [\"otel\"]\n")).tracesUrl());
        assertNull(telemetry(load(Map.of("OTEL_ENDPOINT", "https://api.traceloop.com"), "")).tracesUrl(),
                "OTEL_ENDPOINT is LiteLLM's: read only when the file names the otel callback");
        assertEquals(URI.create("http://own.internal:4318/v1/traces"), telemetry(load(Map.of("OTEL_ENDPOINT",
                "https://api.traceloop.com"), "litellm_settings:\n  callbacks: [otel]\ntelemetry:\n"
                + "  otlp_endpoint: http://own.internal:4318\n")).tracesUrl(), "the file's telemetry: wins");
    }

    @Test
    void otelWithoutAnEndpointOrOverGrpcIsAWarning() {
        ConfigLoader.Loaded console = load(Map.of(), "litellm_settings:\n  callbacks: [otel]\n");
        assertWarning(console, "litellm_settings.callbacks[0]", "no OTLP endpoint is set");
        assertNull(telemetry(console).tracesUrl());
        assertWarning(load(Map.of("OTEL_EXPORTER", "otlp_grpc", "OTEL_ENDPOINT", "http://collector:4317"),
                "litellm_settings:\n  callbacks: [otel]\n"), "litellm_settings.callbacks[0]",
                "Gatehouse exports OTLP over HTTP only");
    }

    @Test
    void otherCallbacksAreWarningsNamingThemAndPrometheusIsMetrics() {
        ConfigLoader.Loaded loaded = load(Map.of(), """
                litellm_settings:
                  callbacks: ["hide_secrets", "prometheus"]
                  success_callback: ["langfuse", "datadog"]
                  failure_callback: ["sentry"]
                """);
        assertWarning(loaded, "litellm_settings.success_callback[0]", "callback langfuse is not built into Gatehouse");
        assertWarning(loaded, "litellm_settings.success_callback[1]", "callback datadog");
        assertWarning(loaded, "litellm_settings.failure_callback[0]", "callback sentry");
        assertEquals(3, loaded.warnings().size(), () -> "hide_secrets is a guardrail, prometheus /metrics: "
                + loaded.warnings());
    }
}
