package dev.gatehouse.server.logging;

import java.util.Locale;
import java.util.logging.Level;

/**
 * The levels {@code logging.level} takes, by their usual names, and the JDK logging level each
 * one lets through. {@code debug} and {@code trace} are the levels {@link System.Logger}'s
 * {@code DEBUG} and {@code TRACE} map to (JDK logging's {@code FINE} and {@code FINER}), so a
 * record logged at {@code DEBUG} shows at {@code debug}.
 */
public enum LogLevel {
    ERROR(Level.SEVERE),
    WARN(Level.WARNING),
    INFO(Level.INFO),
    DEBUG(Level.FINE),
    TRACE(Level.FINEST);

    private final Level jul;

    LogLevel(Level jul) {
        this.jul = jul;
    }

    /** The least severe JDK logging level this level lets through. */
    public Level jul() {
        return jul;
    }

    /** The name the configuration uses: {@code error}, {@code warn}, … */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name a log line shows for a record of JDK logging's {@code level}: one of this enum's names. */
    public static String nameOf(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        // CONFIG sits between INFO and FINE: shown only at debug, so it reads as debug.
        if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** Whether records at this level carry their exceptions' stack traces: at debug and trace only. */
    public boolean stackTraces() {
        return jul.intValue() <= Level.FINE.intValue();
    }
}
