package dev.gatehouse.server.metrics;

/**
 * The {@code metrics:} section: which labels the metrics carry and how many values each may take.
 * TODO(issue 18, metrics): fields and their reading.
 */
public record MetricsSettings() {

    public static final MetricsSettings DEFAULTS = new MetricsSettings();
}
