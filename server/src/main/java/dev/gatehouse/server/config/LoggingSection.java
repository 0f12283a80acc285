package dev.gatehouse.server.config;

import dev.gatehouse.server.logging.LoggingSettings;

/** Reads the {@code logging:} section. TODO(issue 18, logs). */
final class LoggingSection {

    private LoggingSection() {}

    static LoggingSettings read(Located at, Findings findings) {
        return LoggingSettings.DEFAULTS;
    }
}
