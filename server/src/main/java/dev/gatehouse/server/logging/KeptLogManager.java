package dev.gatehouse.server.logging;

import java.util.logging.LogManager;

/**
 * JDK logging's manager, except that it is never reset. The JDK resets logging (closing and
 * removing every handler) in a shutdown hook of its own, which may run while the server still
 * drains its open requests after SIGTERM: their warnings and access-log lines would be lost.
 * Gatehouse's handler flushes after every line, so nothing is left to flush at exit. The command
 * line names this class in {@code java.util.logging.manager} before anything logs.
 */
public final class KeptLogManager extends LogManager {

    /** The property JDK logging reads, once, for the class of its manager. */
    public static final String PROPERTY = "java.util.logging.manager";

    public KeptLogManager() {
        // LogManager's constructor is protected; the JDK makes its manager through this one.
    }

    /** Does nothing: the log stays as the command line set it up until the process ends. */
    @Override
    public void reset() {
        // Nothing: see the class comment.
    }
}
