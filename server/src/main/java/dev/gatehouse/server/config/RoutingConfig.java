package dev.gatehouse.server.config;

import dev.gatehouse.routing.Fallbacks;
import dev.gatehouse.routing.ModelNames;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.routing.Strategy;
import java.util.Map;
import java.util.Objects;

/**
 * How requests are routed across each model's deployments (docs/routing.md).
 *
 * @param settings   retries, backoff, the deadline and cooldowns (the {@code router:} section)
 * @param strategies each model's strategy where it is not weighted random ({@code routing_strategy:})
 * @param fallbacks  the fallback models of each model
 * @param names      the aliases and the wildcard models' allowlists (docs/routing.md)
 * @param healthCheckInterval how often every deployment gets a background health check (a one-token request);
 *                   null: never (the default)
 */
public record RoutingConfig(RoutingSettings settings, Map<String, Strategy> strategies, Fallbacks fallbacks,
        java.time.Duration healthCheckInterval, ModelNames names) {

    public static final RoutingConfig DEFAULTS = new RoutingConfig(RoutingSettings.DEFAULTS, Map.of(), Fallbacks.NONE);

    /** Routing without aliases or wildcard allowlists. */
    public RoutingConfig(RoutingSettings settings, Map<String, Strategy> strategies, Fallbacks fallbacks,
            java.time.Duration healthCheckInterval) {
        this(settings, strategies, fallbacks, healthCheckInterval, ModelNames.NONE);
    }

    /** Routing without background health checks. */
    public RoutingConfig(RoutingSettings settings, Map<String, Strategy> strategies, Fallbacks fallbacks) {
        this(settings, strategies, fallbacks, null);
    }

    public RoutingConfig {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(fallbacks, "fallbacks");
        strategies = Map.copyOf(strategies);
        Objects.requireNonNull(names, "names");
    }

    /** This routing with other aliases and allowlists. */
    public RoutingConfig withNames(ModelNames value) {
        return new RoutingConfig(settings, strategies, fallbacks, healthCheckInterval, value);
    }
}
