package dev.gatehouse.server.admin;

import dev.gatehouse.routing.DeploymentStatus;
import java.util.List;

/**
 * What the admin API asks of the running gateway: its deployments' routing state, and a reload
 * of its configuration.
 */
public interface GatewayOperations {

    /** A gateway without these operations (tests of the admin API alone). */
    GatewayOperations NONE = new GatewayOperations() {
        @Override
        public List<DeploymentStatus> deployments() {
            return List.of();
        }

        @Override
        public Reloaded reload() {
            throw new IllegalArgumentException("this gateway can not reload its configuration");
        }
    };

    /** Every deployment's routing state on this instance. */
    List<DeploymentStatus> deployments();

    /**
     * Reads the configuration file again and serves it from now on; requests in flight finish on
     * the deployments they started with. Throws IllegalArgumentException (a 400) naming the
     * problems when the file is not valid, and then changes nothing.
     */
    Reloaded reload();

    /** A reload done: what is served now, and the file's warnings. */
    record Reloaded(int models, int deployments, List<String> warnings) {}
}
