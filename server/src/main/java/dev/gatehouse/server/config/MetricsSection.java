package dev.gatehouse.server.config;

import dev.gatehouse.server.metrics.MetricsSettings;

/** Reads the {@code metrics:} section. TODO(issue 18, metrics). */
final class MetricsSection {

    private MetricsSection() {}

    static MetricsSettings read(Located at, Findings findings) {
        return MetricsSettings.DEFAULTS;
    }
}
