package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's per-model stream_timeout (docs.litellm.ai/docs/proxy/timeout, "Custom Timeouts &amp;
 * Stream Timeouts": the longest wait for a streamed response's chunk) as the deployment's idle timeout.
 */
class LiteLlmStreamTimeoutConfigTest {

    private static ConfigLoader.Loaded load(String params, String settings) {
        ConfigLoader.Loaded loaded = Configs.load("model_list:\n  - model_name: m\n    litellm_params:\n"
                + ("model: openai/gpt-4o\napi_key: os.environ/OPENAI_API_KEY\n" + params).indent(6) + settings);
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        return loaded;
    }

    private static Deployment only(ConfigLoader.Loaded loaded) {
        return loaded.config().deployments().getFirst();
    }

    @Test
    void streamTimeoutIsTheIdleTimeoutBetweenChunks() {
        ConfigLoader.Loaded loaded = load("timeout: 300\nstream_timeout: 30\n", "");
        assertEquals(Duration.ofSeconds(30), only(loaded).idleTimeout());
        assertEquals(Duration.ofSeconds(300), only(loaded).timeout(), "the first byte still waits for timeout");
        assertTrue(loaded.warnings().isEmpty(), () -> loaded.warnings().toString());
    }

    @Test
    void withoutTimeoutItIsBoundedByTheDefaultFirstByteTimeout() {
        ConfigLoader.Loaded loaded = load("stream_timeout: 12.5\n", "");
        assertEquals(Duration.ofMillis(12_500), only(loaded).idleTimeout());
        ConfigLoader.Loaded shorter = load("stream_timeout: 40\n", "litellm_settings:\n  request_timeout: 20\n");
        assertNull(only(shorter).idleTimeout());
        assertWarning(shorter, "model_list[0].litellm_params.stream_timeout", "longer than the deployment's timeout (20 s)");
    }

    @Test
    void longerThanTheEntrysTimeoutItIsIgnoredWithAWarning() {
        ConfigLoader.Loaded loaded = load("timeout: 10\nstream_timeout: 30\n", "");
        assertNull(only(loaded).idleTimeout(), "timeout_seconds already bounds every pause");
        assertWarning(loaded, "model_list[0].litellm_params.stream_timeout", "longer than the deployment's timeout");
    }

    @Test
    void underASecondItIsOneSecondWithAWarning() {
        ConfigLoader.Loaded loaded = load("stream_timeout: 0.001\n", "");
        assertEquals(Duration.ofSeconds(1), only(loaded).idleTimeout());
        assertWarning(loaded, "model_list[0].litellm_params.stream_timeout", "shortest idle timeout is 1 s");
    }
}
