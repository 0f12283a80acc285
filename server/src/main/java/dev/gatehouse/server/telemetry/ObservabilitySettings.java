package dev.gatehouse.server.telemetry;

import dev.gatehouse.server.logging.LoggingSettings;
import dev.gatehouse.server.metrics.MetricsSettings;
import dev.gatehouse.server.tracing.TelemetrySettings;
import java.util.Objects;

/**
 * The configuration's traces, logs and metrics: the {@code telemetry:}, {@code logging:} and
 * {@code metrics:} sections (docs/observability.md). They take effect when the gateway starts;
 * a reload keeps those it started with.
 */
public record ObservabilitySettings(TelemetrySettings telemetry, LoggingSettings logging, MetricsSettings metrics) {

    /** No traces exported, text logs at info with an access log, metrics without per-key labels. */
    public static final ObservabilitySettings DEFAULTS =
            new ObservabilitySettings(TelemetrySettings.DEFAULTS, LoggingSettings.DEFAULTS, MetricsSettings.DEFAULTS);

    public ObservabilitySettings {
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(metrics, "metrics");
    }
}
