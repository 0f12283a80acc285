package dev.gatehouse.server.config;

import java.util.Objects;

/**
 * Something in a configuration file that Gatehouse will not run with.
 *
 * @param location where it is, as a path of keys and list positions ({@code models[2].deployments[0].api_key}),
 *                 followed by {@code (line N)} when the line is known
 * @param message  what is wrong and, where it helps, what to write instead; never a credential's value
 */
public record ConfigProblem(String location, String message) {

    public ConfigProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
