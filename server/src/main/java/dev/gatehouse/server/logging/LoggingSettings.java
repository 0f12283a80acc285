package dev.gatehouse.server.logging;

/**
 * The {@code logging:} section: the log's format and level, and whether each request writes an
 * access-log line. TODO(issue 18, logs): fields and their reading.
 */
public record LoggingSettings() {

    public static final LoggingSettings DEFAULTS = new LoggingSettings();
}
