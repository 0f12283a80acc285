package dev.gatehouse.server.tracing;

/**
 * The {@code telemetry:} section: where traces are exported over OTLP and what they hold.
 * TODO(issue 18, traces): fields and their reading.
 */
public record TelemetrySettings() {

    /** No endpoint: no traces are exported. */
    public static final TelemetrySettings DEFAULTS = new TelemetrySettings();
}
