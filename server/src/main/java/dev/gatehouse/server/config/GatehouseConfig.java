package dev.gatehouse.server.config;

import dev.gatehouse.catalog.ModelCatalog;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.console.ConsoleSettings;
import dev.gatehouse.server.guardrail.GuardrailPolicies;
import dev.gatehouse.server.guardrail.GuardrailSettings;
import dev.gatehouse.server.limit.LimitSettings;
import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.responses.ResponsesSettings;
import dev.gatehouse.server.telemetry.ObservabilitySettings;
import dev.gatehouse.server.spend.Prices;
import dev.gatehouse.server.spend.SpendSettings;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A configuration Gatehouse can run with: every check has passed and every credential is resolved.
 *
 * @param server              how the HTTP server listens and what it accepts
 * @param deployments         one per configured deployment, in file order; a public model name served by several
 *                            deployments appears once for each of them (a routing group)
 * @param privateNetworkHosts the base-URL hosts of deployments that set {@code allow_private_network: true}, the
 *                            only private-network destinations upstream calls may reach
 * @param accessGroups        the access groups each public model name belongs to (keys may name a group instead
 *                            of listing its models)
 * @param prices              prices set with {@code pricing:} on deployments, by provider and upstream model
 *                            ({@link Prices#key})
 * @param spend               how the spend log is written and kept
 * @param routing             how requests are routed across each model's deployments, retried and fallen back
 * @param redis               the Redis that instances share limits, reservations and cooldowns through; null
 *                            when each instance keeps them in memory
 * @param limits              the limiter's defaults where keys, teams and prices say nothing ({@code limits:})
 * @param responses           how long the responses Gatehouse stores are kept ({@code responses:})
 * @param observability       traces, logs and metrics ({@code telemetry:}, {@code logging:}, {@code metrics:})
 * @param console             the admin console: sessions and single sign-on ({@code console:})
 * @param guardrails          what the input and output checks look for and do ({@code guardrails:}, also per model)
 * @param cache               the response cache: its storage and the models it answers for ({@code cache:})
 * @param catalog             the model catalog: the bundled one with the entries of {@code catalog.file} in place
 *                            of its own (docs/catalog.md)
 */
public record GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts,
        Map<String, Set<String>> accessGroups, Map<String, ModelPrice> prices, SpendSettings spend,
        RoutingConfig routing, RedisSettings redis, LimitSettings limits, ResponsesSettings responses,
        ObservabilitySettings observability, ConsoleSettings console, GuardrailPolicies guardrails,
        CacheSettings cache, ModelCatalog catalog) {

    public GatehouseConfig {
        catalog = catalog == null ? ModelCatalog.bundled() : catalog;
        Objects.requireNonNull(guardrails, "guardrails");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(observability, "observability");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(responses, "responses");
        deployments = List.copyOf(deployments);
        // Set.copyOf would lose the file order; callers and messages rely on it.
        privateNetworkHosts = Collections.unmodifiableSet(new LinkedHashSet<>(privateNetworkHosts));
        accessGroups = Map.copyOf(accessGroups);
        prices = Map.copyOf(prices);
    }

    /** A configuration with the bundled catalog. */
    public GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts,
            Map<String, Set<String>> accessGroups, Map<String, ModelPrice> prices, SpendSettings spend,
            RoutingConfig routing, RedisSettings redis, LimitSettings limits, ResponsesSettings responses,
            ObservabilitySettings observability, ConsoleSettings console, GuardrailPolicies guardrails,
            CacheSettings cache) {
        this(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis, limits, responses,
                observability, console, guardrails, cache, ModelCatalog.bundled());
    }

    /** A configuration with the default guardrails (secrets blocked, nothing else checked) and no response cache. */
    public GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts,
            Map<String, Set<String>> accessGroups, Map<String, ModelPrice> prices, SpendSettings spend,
            RoutingConfig routing, RedisSettings redis, LimitSettings limits, ResponsesSettings responses,
            ObservabilitySettings observability, ConsoleSettings console) {
        this(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis, limits, responses,
                observability, console, GuardrailPolicies.DEFAULTS, CacheSettings.OFF);
    }

    /** A configuration with the console's defaults. */
    public GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts,
            Map<String, Set<String>> accessGroups, Map<String, ModelPrice> prices, SpendSettings spend,
            RoutingConfig routing, RedisSettings redis, LimitSettings limits, ResponsesSettings responses,
            ObservabilitySettings observability) {
        this(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis, limits, responses,
                observability, ConsoleSettings.DEFAULTS);
    }

    /** A configuration with the default traces, logs and metrics. */
    public GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts,
            Map<String, Set<String>> accessGroups, Map<String, ModelPrice> prices, SpendSettings spend,
            RoutingConfig routing, RedisSettings redis, LimitSettings limits, ResponsesSettings responses) {
        this(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis, limits, responses,
                ObservabilitySettings.DEFAULTS);
    }

    /** A configuration that keeps stored responses for the default period. */
    public GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts,
            Map<String, Set<String>> accessGroups, Map<String, ModelPrice> prices, SpendSettings spend,
            RoutingConfig routing, RedisSettings redis, LimitSettings limits) {
        this(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis, limits,
                ResponsesSettings.DEFAULTS);
    }

    /** A configuration with the limiter's default settings. */
    public GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts,
            Map<String, Set<String>> accessGroups, Map<String, ModelPrice> prices, SpendSettings spend,
            RoutingConfig routing, RedisSettings redis) {
        this(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis,
                LimitSettings.DEFAULTS);
    }

    /** A configuration with the default routing, each instance keeping its limits in memory. */
    public GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts,
            Map<String, Set<String>> accessGroups, Map<String, ModelPrice> prices, SpendSettings spend) {
        this(server, deployments, privateNetworkHosts, accessGroups, prices, spend, RoutingConfig.DEFAULTS, null);
    }

    /** A configuration with the bundled prices only and the default spend log. */
    public GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts,
            Map<String, Set<String>> accessGroups) {
        this(server, deployments, privateNetworkHosts, accessGroups, Map.of(), SpendSettings.defaults());
    }

    /** A configuration without access groups. */
    public GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts) {
        this(server, deployments, privateNetworkHosts, Map.of());
    }

    /** This configuration with other server settings. */
    public GatehouseConfig withServer(ServerSettings settings) {
        return new GatehouseConfig(settings, deployments, privateNetworkHosts, accessGroups, prices, spend, routing,
                redis, limits, responses, observability, console, guardrails, cache, catalog);
    }

    /** This configuration with other spend log settings. */
    public GatehouseConfig withSpend(SpendSettings settings) {
        return new GatehouseConfig(server, deployments, privateNetworkHosts, accessGroups, prices, settings, routing,
                redis, limits, responses, observability, console, guardrails, cache, catalog);
    }

    /** This configuration with limits shared through {@code settings}'s Redis (null: kept in memory). */
    public GatehouseConfig withRedis(RedisSettings settings) {
        return new GatehouseConfig(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing,
                settings, limits, responses, observability, console, guardrails, cache, catalog);
    }

    /** This configuration with {@code price} set for {@code deployment}, as {@code pricing:} would. */
    public GatehouseConfig withPrice(Deployment deployment, ModelPrice price) {
        Map<String, ModelPrice> all = new java.util.HashMap<>(prices);
        all.put(Prices.key(deployment), price);
        return new GatehouseConfig(server, deployments, privateNetworkHosts, accessGroups, all, spend, routing, redis,
                limits, responses, observability, console, guardrails, cache, catalog);
    }

    /** This configuration with other routing. */
    public GatehouseConfig withRouting(RoutingConfig value) {
        return new GatehouseConfig(server, deployments, privateNetworkHosts, accessGroups, prices, spend, value, redis,
                limits, responses, observability, console, guardrails, cache, catalog);
    }

    /** This configuration with other limiter settings. */
    public GatehouseConfig withLimits(LimitSettings value) {
        return new GatehouseConfig(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis,
                value, responses, observability, console, guardrails, cache, catalog);
    }

    /** This configuration with other console settings. */
    public GatehouseConfig withConsole(ConsoleSettings value) {
        return new GatehouseConfig(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis,
                limits, responses, observability, value, guardrails, cache, catalog);
    }

    /** This configuration with other guardrails. */
    public GatehouseConfig withGuardrails(GuardrailPolicies value) {
        return new GatehouseConfig(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis,
                limits, responses, observability, console, value, cache);
    }

    /** This configuration with one guardrail policy for every model. */
    public GatehouseConfig withGuardrails(GuardrailSettings value) {
        return withGuardrails(GuardrailPolicies.of(value));
    }

    /** This configuration with other settings for stored responses. */
    public GatehouseConfig withResponses(ResponsesSettings value) {
        return new GatehouseConfig(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis,
                limits, value, observability, console, guardrails, cache, catalog);
    }

    /** This configuration with other traces, logs and metrics settings. */
    public GatehouseConfig withObservability(ObservabilitySettings value) {
        return new GatehouseConfig(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis,
                limits, responses, value, console, guardrails, cache, catalog);
    }

    /** This configuration with other response cache settings. */
    public GatehouseConfig withCache(CacheSettings value) {
        return new GatehouseConfig(server, deployments, privateNetworkHosts, accessGroups, prices, spend, routing, redis,
                limits, responses, observability, console, guardrails, value);
    }

    /** The access groups of {@code model}; empty when it belongs to none. */
    public Set<String> accessGroupsOf(String model) {
        return accessGroups.getOrDefault(model, Set.of());
    }
}
