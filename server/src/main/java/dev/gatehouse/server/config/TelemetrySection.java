package dev.gatehouse.server.config;

import dev.gatehouse.server.tracing.TelemetrySettings;

/** Reads the {@code telemetry:} section. TODO(issue 18, traces). */
final class TelemetrySection {

    private TelemetrySection() {}

    static TelemetrySettings read(Located at, Findings findings, Credentials credentials) {
        return TelemetrySettings.DEFAULTS;
    }
}
