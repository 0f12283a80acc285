package dev.gatehouse.server.config;

import dev.gatehouse.server.logging.LoggingSettings;
import dev.gatehouse.server.metrics.MetricsSettings;
import dev.gatehouse.server.telemetry.ObservabilitySettings;
import dev.gatehouse.server.tracing.TelemetrySettings;
import java.util.List;

/** Reads the {@code telemetry:}, {@code logging:} and {@code metrics:} sections of a configuration's root. */
final class ObservabilitySection {

    static final List<String> TOP_KEYS = List.of("telemetry", "logging", "metrics");

    private ObservabilitySection() {}

    /** {@code liteLlmOtel}: a LiteLLM file's otel callback, whose traces LiteLLM's own OTEL_ variables set too. */
    static ObservabilitySettings read(Located root, Findings findings, Credentials credentials, boolean liteLlmOtel) {
        return new ObservabilitySettings(
                TelemetrySection.read(root.get("telemetry"), findings, credentials, liteLlmOtel),
                LoggingSection.read(root.get("logging"), findings), MetricsSection.read(root.get("metrics"), findings));
    }
}
