package dev.gatehouse.server.logging;

import java.util.Objects;

/**
 * The {@code logging:} section: the log's format and level, and whether each request writes an
 * access-log line (docs/observability.md).
 *
 * @param format    one JSON object per line, or one line of text per record
 * @param level     the least severe of Gatehouse's own records written; other libraries' never below
 *                  {@code info} (see {@link LevelPolicy})
 * @param accessLog whether every request writes a line to the access log ({@value AccessLog#LOGGER}),
 *                  whatever the level
 */
public record LoggingSettings(LogFormat format, LogLevel level, boolean accessLog) {

    /** Text at info, with an access log: what Gatehouse writes before it has read its configuration. */
    public static final LoggingSettings DEFAULTS = new LoggingSettings(LogFormat.TEXT, LogLevel.INFO, true);

    public LoggingSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(level, "level");
    }
}
