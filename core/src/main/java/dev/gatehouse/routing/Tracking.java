package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;

/** An attempt's accounting with its deployment: its place in flight and capacity lease, given back when it ends. */
record Tracking(Deployment deployment, DeploymentHealth state, DeploymentCapacity.Lease lease, boolean lone,
        FailurePolicy policy) {

    /** The attempt ended; {@code tokens} it really used, or -1 when unknown (a failure: the estimate stands). */
    void release(long tokens) {
        state.ended();
        if (tokens >= 0) {
            lease.settle(tokens);
        }
    }

    void failedMidway(GatewayException error) {
        policy.failedMidway(deployment, error, lone);
    }
}
