package dev.gatehouse.server.logging;

import java.io.OutputStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The process's log, set up by the command line: {@link #install} before the configuration is
 * read (text at info), {@link #apply} once its {@code logging:} section is known. Until it is
 * installed (in tests, or where Gatehouse runs embedded) JDK logging stays as it was.
 */
public final class ConsoleLog {

    // Held: JDK logging holds loggers weakly, and a collected logger forgets its level.
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger ACCESS = Logger.getLogger(AccessLog.LOGGER);

    private static LineHandler handler;

    private ConsoleLog() {}

    /**
     * Writes every record from now on as one line to {@code out} (in place of the JDK's console
     * handler and its two-line format), as {@link LoggingSettings#DEFAULTS} say.
     */
    public static synchronized void install(OutputStream out) {
        for (Handler previous : ROOT.getHandlers()) {
            ROOT.removeHandler(previous);
            previous.flush();
        }
        handler = new LineHandler(out, LoggingSettings.DEFAULTS);
        ROOT.addHandler(handler);
        levels(LoggingSettings.DEFAULTS);
    }

    /** Writes as {@code settings} say from now on; does nothing unless {@link #install} ran. */
    public static synchronized void apply(LoggingSettings settings) {
        if (handler == null) {
            return;
        }
        handler.use(settings);
        levels(settings);
    }

    /**
     * Loggers make records down to the configured level (the handler's {@link LevelPolicy} then
     * keeps other libraries at info); the access log's down to info whatever the level.
     */
    private static void levels(LoggingSettings settings) {
        ROOT.setLevel(settings.level().jul());
        ACCESS.setLevel(Level.INFO);
    }
}
