package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.tracing.TelemetrySettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code telemetry:} section and the OTEL_* environment variables it falls back on. */
class TelemetryConfigTest {

    private static final String MODELS = """
            models:
              - name: m
                provider: mock
                model: mock
            """;

    private static TelemetrySettings read(Map<String, String> env, String yaml) {
        ConfigLoader.Loaded loaded = Configs.loader(env::get).parse(yaml + MODELS, "gatehouse.yaml");
        assertEquals(List.of(), loaded.problems());
        return loaded.config().observability().telemetry();
    }

    private static ConfigLoader.Loaded load(Map<String, String> env, String yaml) {
        return Configs.loader(env::get).parse(yaml + MODELS, "gatehouse.yaml");
    }

    @Test
    void everySettingIsReadWithHeadersFromTheEnvironment() {
        TelemetrySettings t = read(Map.of("OTLP_TOKEN", "Bearer otlp-secret-123"), """
                telemetry:
                  otlp_endpoint: https://otlp.example.com/api/public/otel/
                  headers: {authorization: env:OTLP_TOKEN, x-honeycomb-dataset: gatehouse}
                  sample_ratio: 0.25
                  capture_content: true
                  propagate_to_upstreams: true
                  service_name: gateway-eu
                  max_queue_size: 100
                  max_batch_size: 10
                  schedule_delay_ms: 500
                  export_timeout_seconds: 3
                """);
        assertEquals(URI.create("https://otlp.example.com/api/public/otel/v1/traces"), t.tracesUrl());
        assertEquals("Bearer otlp-secret-123", t.headers().get("authorization").reveal());
        assertEquals("gatehouse", t.headers().get("x-honeycomb-dataset").reveal());
        assertEquals(0.25, t.sampleRatio());
        assertTrue(t.captureContent());
        assertTrue(t.propagateUpstream());
        assertEquals("gateway-eu", t.serviceName());
        assertEquals(100, t.maxQueueSize());
        assertEquals(10, t.maxBatchSize());
        assertEquals(Duration.ofMillis(500), t.scheduleDelay());
        assertEquals(Duration.ofSeconds(3), t.exportTimeout());
        assertFalse(t.toString().contains("otlp-secret-123"), "a header's value never prints");
    }

    @Test
    void withoutASectionOrVariablesNothingIsExported() {
        TelemetrySettings t = read(Map.of(), "");
        assertFalse(t.exports());
        assertFalse(t.captureContent());
        assertFalse(t.propagateUpstream());
        assertEquals(1.0, t.sampleRatio());
        assertEquals("gatehouse", t.serviceName());
    }

    @Test
    void theStandardVariablesApplyWhereTheFileIsSilent() {
        TelemetrySettings t = read(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_HEADERS", "api-key=abc%3D%3D,x-tenant=a+b",
                "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "api-key=traces-only",
                "OTEL_SERVICE_NAME", "gw", "OTEL_TRACES_SAMPLER_ARG", "0.5"), "");
        assertEquals(URI.create("http://collector:4318/v1/traces"), t.tracesUrl());
        assertEquals("traces-only", t.headers().get("api-key").reveal(), "the traces-only variable wins");
        assertEquals("a+b", t.headers().get("x-tenant").reveal());
        assertEquals("gw", t.serviceName());
        assertEquals(0.5, t.sampleRatio());
    }

    @Test
    void theTracesEndpointVariableIsTheWholeUrlAndTheFileWinsOverIt() {
        assertEquals(URI.create("http://tempo:4318/custom/traces"),
                read(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://tempo:4318/custom/traces",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://other:4318"), "").tracesUrl());
        assertEquals(URI.create("http://file:4318/v1/traces"),
                read(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://env:4318"), """
                        telemetry:
                          otlp_endpoint: http://file:4318
                        """).tracesUrl());
    }

    @Test
    void aBadUrlIsRefusedWithItsLine() {
        assertProblem(load(Map.of(), """
                telemetry:
                  otlp_endpoint: ftp://collector:4318
                """), "telemetry.otlp_endpoint (line 2)", "http:// or https://");
        assertProblem(load(Map.of(), """
                telemetry:
                  otlp_endpoint: https://user:hunter2@collector:4318
                """), "telemetry.otlp_endpoint (line 2)", "must not hold a user or password");
    }

    @Test
    void aRatioOutOfRangeIsRefused() {
        assertProblem(load(Map.of(), """
                telemetry:
                  otlp_endpoint: http://collector:4318
                  sample_ratio: 1.5
                """), "telemetry.sample_ratio (line 3)", "from 0");
    }

    @Test
    void anUnknownKeyIsRefusedWithASuggestion() {
        assertProblem(load(Map.of(), """
                telemetry:
                  otlp_endpoint: http://collector:4318
                  sample_rate: 0.5
                """), "telemetry.sample_rate (line 3)", "did you mean 'sample_ratio'?");
    }

    @Test
    void aCredentialHeaderWrittenIntoTheFileIsRefusedWithoutPrintingIt() {
        ConfigLoader.Loaded loaded = load(Map.of(), """
                telemetry:
                  otlp_endpoint: http://collector:4318
                  headers:
                    authorization: Bearer written-into-the-file-123
                """);
        assertProblem(loaded, "telemetry.headers.authorization (line 4)", "use env:NAME");
        assertFalse(loaded.problems().toString().contains("written-into-the-file-123"));
    }

    @Test
    void aMissingVariableAndABadHeaderNameAreRefused() {
        assertProblem(load(Map.of(), """
                telemetry:
                  otlp_endpoint: http://collector:4318
                  headers: {x-api-key: env:NOT_SET_ANYWHERE}
                """), "telemetry.headers.x-api-key (line 3)", "NOT_SET_ANYWHERE is not set");
        assertProblem(load(Map.of(), """
                telemetry:
                  otlp_endpoint: http://collector:4318
                  headers:
                    "bad header": x
                """), "telemetry.headers.bad header (line 4)", "not an HTTP header name");
    }

    @Test
    void aBatchLargerThanTheQueueIsRefused() {
        assertProblem(load(Map.of(), """
                telemetry:
                  otlp_endpoint: http://collector:4318
                  max_queue_size: 10
                  max_batch_size: 20
                """), "telemetry.max_batch_size (line 4)", "must not be larger than max_queue_size");
    }

    @Test
    void badVariablesAreRefusedNamingTheVariableNotItsValue() {
        ConfigLoader.Loaded loaded = load(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url at all",
                "OTEL_EXPORTER_OTLP_HEADERS", "no-equals-sign-secret-xyz", "OTEL_TRACES_SAMPLER_ARG", "2"), "");
        String problems = loaded.problems().toString();
        assertTrue(problems.contains("environment variable OTEL_EXPORTER_OTLP_ENDPOINT"), problems);
        assertTrue(problems.contains("environment variable OTEL_EXPORTER_OTLP_HEADERS"), problems);
        assertTrue(problems.contains("environment variable OTEL_TRACES_SAMPLER_ARG"), problems);
        assertFalse(problems.contains("no-equals-sign-secret-xyz"), problems);
        assertNull(loaded.config());
    }

    @Test
    void theSectionIsReadInLiteLlmFilesToo() {
        ConfigLoader.Loaded loaded = Configs.loader(Map.of("OPENAI_API_KEY", "sk-test-1234567890")::get).parse("""
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}
                telemetry:
                  otlp_endpoint: http://collector:4318
                """, "config.yaml");
        assertEquals(List.of(), loaded.problems());
        assertEquals(URI.create("http://collector:4318/v1/traces"),
                loaded.config().observability().telemetry().tracesUrl());
    }
}
