package dev.gatehouse.server.config;

import dev.gatehouse.provider.Deployment;
import java.util.List;
import java.util.Set;

/**
 * A loaded configuration: the server's settings, every deployment in file order (the same
 * public model name may appear on several), and the base-URL hosts whose deployments may use
 * the private network.
 */
public record GatehouseConfig(ServerSettings server, List<Deployment> deployments, Set<String> privateNetworkHosts) {

    public GatehouseConfig {
        deployments = List.copyOf(deployments);
        privateNetworkHosts = Set.copyOf(privateNetworkHosts);
    }
}
