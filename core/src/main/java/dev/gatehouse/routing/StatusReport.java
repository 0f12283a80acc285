package dev.gatehouse.routing;

import dev.gatehouse.provider.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Every deployment's routing state as the health endpoint shows it. */
final class StatusReport {

    private StatusReport() {}

    /** The deployments of {@code groups}, in their order, as they stand at {@code now}. */
    static List<DeploymentStatus> of(Collection<Group> groups, Map<String, DeploymentHealth> health,
            Cooldowns cooldowns, Instant now) {
        List<DeploymentStatus> all = new ArrayList<>();
        for (Group group : groups) {
            for (Deployment deployment : group.deployments()) {
                DeploymentHealth state = health.get(deployment.id());
                Instant until = cooldowns.coolingUntil(deployment.id(), now);
                String name = until != null ? "cooling_down" : state.probeDue() ? "half_open"
                        : state.isProbing() ? "probing" : "healthy";
                double latency = state.latencyMillis();
                all.add(new DeploymentStatus(deployment.id(), deployment.model(), deployment.provider(), name, until,
                        Double.isNaN(latency) ? null : latency, state.inFlight(), state.attempts(), state.failures(),
                        state.cooldowns()));
            }
        }
        return all;
    }
}
