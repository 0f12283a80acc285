package dev.gatehouse.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * How a gateway retries and cools deployments down. The defaults suit a gateway in front of
 * hosted providers; every one can be set in the configuration ({@code router:}).
 *
 * @param retries        further attempts after the first, per model (group); a fallback model gets as many again
 * @param backoffBase    the first backoff before trying a deployment again; doubled each time, with full jitter
 * @param backoffMax     the longest single backoff
 * @param deadline       the bound on the whole request, every attempt and wait included
 * @param allowedFails   failures of one deployment within {@code failureWindow} that take it out for {@code cooldown}
 * @param failureWindow  how far back failures are counted
 * @param cooldown       how long a failing deployment stays out before one probe request is let through
 * @param authCooldown   how long a deployment whose credential the upstream refused (401/403) stays out
 */
public record RoutingSettings(int retries, Duration backoffBase, Duration backoffMax, Duration deadline,
        int allowedFails, Duration failureWindow, Duration cooldown, Duration authCooldown) {

    public static final RoutingSettings DEFAULTS = new RoutingSettings(2, Duration.ofMillis(100),
            Duration.ofSeconds(5), Duration.ofMinutes(10), 3, Duration.ofMinutes(1), Duration.ofSeconds(30),
            Duration.ofMinutes(10));

    public RoutingSettings {
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(failureWindow, "failureWindow");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(authCooldown, "authCooldown");
        if (retries < 0 || allowedFails < 1) {
            throw new IllegalArgumentException("retries must be 0 or more and allowedFails 1 or more");
        }
    }

    public RoutingSettings withRetries(int value) {
        return new RoutingSettings(value, backoffBase, backoffMax, deadline, allowedFails, failureWindow, cooldown,
                authCooldown);
    }

    public RoutingSettings withBackoff(Duration base, Duration max) {
        return new RoutingSettings(retries, base, max, deadline, allowedFails, failureWindow, cooldown, authCooldown);
    }

    public RoutingSettings withDeadline(Duration value) {
        return new RoutingSettings(retries, backoffBase, backoffMax, value, allowedFails, failureWindow, cooldown,
                authCooldown);
    }

    public RoutingSettings withCooldown(int fails, Duration window, Duration period) {
        return new RoutingSettings(retries, backoffBase, backoffMax, deadline, fails, window, period, authCooldown);
    }

    public RoutingSettings withAuthCooldown(Duration value) {
        return new RoutingSettings(retries, backoffBase, backoffMax, deadline, allowedFails, failureWindow, cooldown,
                value);
    }
}
