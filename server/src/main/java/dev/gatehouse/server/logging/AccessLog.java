package dev.gatehouse.server.logging;

import dev.gatehouse.server.telemetry.RequestListener;
import java.util.Optional;

/** The access log: a line per request. TODO(issue 18, logs). */
public final class AccessLog {

    private AccessLog() {}

    /** The access log {@code settings} ask for; empty when it is off. */
    public static Optional<RequestListener> of(LoggingSettings settings) {
        return Optional.empty();
    }
}
