package dev.gatehouse;

import dev.gatehouse.http.ImageFetcher;
import dev.gatehouse.http.Transport;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.catalog.ModelCatalog;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ImageInliner;
import dev.gatehouse.provider.ModelInfo;
import dev.gatehouse.provider.NativeImageInliner;
import dev.gatehouse.provider.Provider;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.routing.Group;
import dev.gatehouse.routing.InMemoryCapacity;
import dev.gatehouse.routing.Router;
import dev.gatehouse.routing.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the {@link Snapshot} a gateway serves from its builder's configuration: the groups of
 * deployments per model (with their default ids), a provider per provider id, a transport per
 * connect timeout, the prices, the router, the image inliners.
 */
final class GatewayAssembly {

    private GatewayAssembly() {}

    static Snapshot snapshot(Gateway.Builder builder) {
        Map<String, List<Deployment>> byModel = new LinkedHashMap<>();
        for (Deployment deployment : builder.deployments) {
            List<Deployment> group = byModel.computeIfAbsent(deployment.model(), model -> new ArrayList<>());
            // The default id is the model and the deployment's place in its group: the same on every
            // instance that reads the same configuration, so shared cooldowns mean the same thing.
            group.add(deployment.id() != null ? deployment : deployment.withId(deployment.model() + "#"
                    + (group.size() + 1)));
        }
        Router router = new Router(groups(byModel, builder.strategies), builder.names, builder.routing, builder.fallbacks,
                builder.cooldowns, builder.capacity != null ? builder.capacity : new InMemoryCapacity(builder.clock),
                builder.prices != null ? builder.prices : catalogPrices(catalog(builder)), builder.listener, builder.clock,
                builder.random, builder.sleeper);
        ImageFetcher fetcher = builder.imageFetcher != null ? builder.imageFetcher : new ImageFetcher();
        return new Snapshot(router, providers(builder.deployments), builder.transport,
                transports(builder.deployments, builder.transport), new ImageInliner(fetcher),
                new NativeImageInliner(fetcher), List.copyOf(byModel.keySet()), modelFacts(byModel, catalog(builder)),
                builder.tokenEstimator, builder.names, catalog(builder));
    }

    private static List<Group> groups(Map<String, List<Deployment>> byModel, Map<String, Strategy> strategies) {
        for (String model : strategies.keySet()) {
            if (!byModel.containsKey(model)) {
                throw new IllegalArgumentException("a routing strategy is set for model '" + model
                        + "', which has no deployment");
            }
        }
        List<Group> groups = new ArrayList<>();
        byModel.forEach((model, deployments) -> groups.add(new Group(model,
                strategies.getOrDefault(model, Strategy.WEIGHTED_RANDOM), deployments)));
        return groups;
    }

    /** One provider instance per provider id: each attempt hands it its deployment and transport. */
    private static Map<String, Provider> providers(List<Deployment> deployments) {
        Map<String, Provider> byId = new LinkedHashMap<>();
        for (Deployment deployment : deployments) {
            byId.computeIfAbsent(deployment.provider(), Providers::provider);
        }
        return Map.copyOf(byId);
    }

    /** A transport per connect timeout that a deployment sets, made once and shared by those deployments. */
    private static Map<Duration, Transport> transports(List<Deployment> deployments, Transport transport) {
        Map<Duration, Transport> byTimeout = new HashMap<>();
        for (Deployment deployment : deployments) {
            if (deployment.connectTimeout() != null) {
                byTimeout.computeIfAbsent(deployment.connectTimeout(), transport::withConnectTimeout);
            }
        }
        return Map.copyOf(byTimeout);
    }

    private static Map<String, ModelInfo> modelFacts(Map<String, List<Deployment>> byModel, ModelCatalog catalog) {
        Map<String, ModelInfo> facts = new HashMap<>();
        byModel.forEach((model, deployments) -> facts.put(model, ModelFacts.of(deployments, catalog)));
        return Map.copyOf(facts);
    }

    private static ModelCatalog catalog(Gateway.Builder builder) {
        return builder.catalog != null ? builder.catalog : ModelCatalog.bundled();
    }

    /** A deployment's catalog price, found by its base model when it names one (docs/catalog.md). */
    private static Function<Deployment, ModelPrice> catalogPrices(ModelCatalog catalog) {
        return deployment -> catalog.price(deployment.provider(), deployment.catalogModel()).orElse(null);
    }
}
