package dev.gatehouse.server.config;

import dev.gatehouse.server.logging.LogFormat;
import dev.gatehouse.server.logging.LogLevel;
import dev.gatehouse.server.logging.LoggingSettings;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Reads the {@code logging:} section: the log's format and level, and whether the access log is written. */
final class LoggingSection {

    static final List<String> KEYS = List.of("format", "level", "access_log");

    private LoggingSection() {}

    static LoggingSettings read(Located at, Findings findings) {
        LoggingSettings defaults = LoggingSettings.DEFAULTS;
        Fields fields = new Fields(findings);
        if (!fields.isSection(at, KEYS)) {
            return defaults;
        }
        LogFormat format = oneOf(at.get("format"), LogFormat.values(), LogFormat::configName, fields, findings);
        LogLevel level = oneOf(at.get("level"), LogLevel.values(), LogLevel::configName, fields, findings);
        Boolean accessLog = fields.bool(at.get("access_log"));
        return new LoggingSettings(format != null ? format : defaults.format(),
                level != null ? level : defaults.level(),
                accessLog != null ? accessLog : defaults.accessLog());
    }

    /** The value named by {@code at}, or null (with a problem naming every choice, and the nearest, when wrong). */
    private static <T> T oneOf(Located at, T[] values, Function<T, String> name, Fields fields, Findings findings) {
        String text = fields.text(at);
        if (text == null) {
            return null;
        }
        for (T value : values) {
            if (name.apply(value).equals(text)) {
                return value;
            }
        }
        List<String> names = Arrays.stream(values).map(name).toList();
        String nearest = Fields.nearest(text, names);
        findings.problem(at, "must be one of " + String.join(", ", names)
                + (nearest != null ? " (did you mean '" + nearest + "'?)" : ""));
        return null;
    }
}
