package dev.gatehouse.server.logging;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Tells Helidon that its JDK logging is set up already, by Gatehouse ({@link ConsoleLog}).
 * Without a provider Helidon prints a line of its own straight to standard error when its
 * server starts, which would be the one line of the log that is neither JSON nor Gatehouse's text.
 * Found through {@code META-INF/services}.
 */
public final class HelidonLogging implements LoggingProvider {

    @Override
    public void initialization() {
        // Nothing to set up: the command line configured JDK logging before anything logged.
    }

    @Override
    public void runTime() {
        // Only native images call this; Gatehouse runs on the JVM.
    }
}
