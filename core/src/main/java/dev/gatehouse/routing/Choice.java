package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;
import java.time.Duration;

/**
 * The deployment picked for an attempt, with its capacity lease and its place in flight (in
 * {@code state}); or none, with when one may be free again.
 *
 * @param probe the deployment's state when this attempt is its half-open probe, else null
 */
record Choice(Deployment deployment, DeploymentCapacity.Lease lease, Duration availableIn, boolean atCapacity,
        DeploymentHealth state, DeploymentHealth probe) {

    /** The lease of a deployment without rpm/tpm limits: nothing to settle. */
    static final DeploymentCapacity.Lease NO_LEASE = tokens -> {};

    static Choice of(Deployment deployment, DeploymentCapacity.Lease lease, DeploymentHealth state) {
        return new Choice(deployment, lease, null, false, state, state.isProbing() ? state : null);
    }

    /** Nothing to pick; one may be free in {@code availableIn} (null: not known). */
    static Choice none(Duration availableIn, boolean atCapacity) {
        return new Choice(null, NO_LEASE, availableIn, atCapacity, null, null);
    }

    /** Gives back what choosing took, for a deployment that will not be attempted after all. */
    void cancel() {
        lease.settle(0);
        state.ended();
        if (probe != null) {
            probe.releaseProbe();
        }
    }

    /** The error for a group where nothing could be picked. */
    GatewayException refusal(String model) {
        if (atCapacity) {
            return new GatewayException.RateLimited("Every deployment of model '" + model
                    + "' is at its capacity (requests or tokens per minute, or requests in flight).",
                    availableIn, false, null);
        }
        return new GatewayException.UpstreamServerError("Every deployment of model '" + model
                + "' is cooling down after failures; try again later.", 503, null);
    }
}
