package dev.gatehouse.server.admin;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.ModelInfo;
import dev.gatehouse.routing.DeploymentStatus;
import java.util.List;
import java.util.Set;

/**
 * What the admin API asks of the running gateway: the models it serves, its deployments' routing
 * state, and a reload of its configuration.
 */
public interface GatewayOperations {

    /** A gateway without these operations (tests of the admin API alone). */
    GatewayOperations NONE = new GatewayOperations() {
        @Override
        public List<Model> models() {
            return List.of();
        }

        @Override
        public List<DeploymentStatus> deployments() {
            return List.of();
        }

        @Override
        public Reloaded reload() {
            throw new IllegalArgumentException("this gateway can not reload its configuration");
        }
    };

    /**
     * The names of the configured guardrail policies a key or a team may name; read at start, like
     * the guardrails themselves (a reload does not change them).
     */
    default Set<String> guardrailPolicies() {
        return Set.of();
    }

    /** Every public model served now, in configuration order. */
    List<Model> models();

    /** Every deployment's routing state on this instance. */
    List<DeploymentStatus> deployments();

    /**
     * Reads the configuration file again and serves it from now on; requests in flight finish on
     * the deployments they started with. Throws IllegalArgumentException (a 400) naming the
     * problems when the file is not valid, and then changes nothing.
     */
    Reloaded reload();

    /**
     * A public model as the gateway serves it.
     *
     * @param name         the public name callers ask for
     * @param accessGroups the access groups it belongs to (a key's scope may name them)
     * @param info         what it can take and do, as far as every deployment is known
     * @param deployments  where it is served from, in configuration order
     */
    record Model(String name, Set<String> accessGroups, ModelInfo info, List<ModelDeployment> deployments) {}

    /**
     * One deployment of a model, as far as an admin may see it: never its address or credentials.
     *
     * @param id            its id within the gateway (as in the health list and the response headers)
     * @param provider      its provider id
     * @param upstreamModel the model name the upstream knows
     * @param weight        its share of its group's traffic under weighted routing
     * @param price         what the spend log charges for it; null when unknown
     */
    record ModelDeployment(String id, String provider, String upstreamModel, double weight, ModelPrice price) {}

    /** A reload done: what is served now, and the file's warnings. */
    record Reloaded(int models, int deployments, List<String> warnings) {}
}
