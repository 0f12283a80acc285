package dev.gatehouse.routing;

import dev.gatehouse.provider.Deployment;
import java.util.List;
import java.util.Objects;

/**
 * The deployments that serve one public model name, and how one of them is picked.
 *
 * @param model       the public model name
 * @param strategy    how a deployment is picked for each request
 * @param deployments every deployment of the model, each with its id, in configuration order
 */
public record Group(String model, Strategy strategy, List<Deployment> deployments) {

    public Group {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(strategy, "strategy");
        deployments = List.copyOf(deployments);
        if (deployments.isEmpty()) {
            throw new IllegalArgumentException("model '" + model + "' has no deployment");
        }
    }
}
