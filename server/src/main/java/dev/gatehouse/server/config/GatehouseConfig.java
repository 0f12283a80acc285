package dev.gatehouse.server.config;

import dev.gatehouse.provider.Deployment;
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
 */
public record GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts,
        Map<String, Set<String>> accessGroups) {

    public GatehouseConfig {
        Objects.requireNonNull(server, "server");
        deployments = List.copyOf(deployments);
        // Set.copyOf would lose the file order; callers and messages rely on it.
        privateNetworkHosts = Collections.unmodifiableSet(new LinkedHashSet<>(privateNetworkHosts));
        accessGroups = Map.copyOf(accessGroups);
    }

    /** A configuration without access groups. */
    public GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts) {
        this(server, deployments, privateNetworkHosts, Map.of());
    }

    /** The access groups of {@code model}; empty when it belongs to none. */
    public Set<String> accessGroupsOf(String model) {
        return accessGroups.getOrDefault(model, Set.of());
    }
}
