package dev.gatehouse.server.config;

import dev.gatehouse.routing.Fallbacks;
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
 */
public record RoutingConfig(RoutingSettings settings, Map<String, Strategy> strategies, Fallbacks fallbacks) {

    public static final RoutingConfig DEFAULTS = new RoutingConfig(RoutingSettings.DEFAULTS, Map.of(), Fallbacks.NONE);

    public RoutingConfig {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(fallbacks, "fallbacks");
        strategies = Map.copyOf(strategies);
    }
}
