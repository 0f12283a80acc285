package dev.gatehouse.server.config;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.spend.SpendSettings;
import java.time.Duration;
import java.util.List;

/**
 * What a file says once its format (Gatehouse's or LiteLLM's) is read, before deployments are
 * checked and their credentials resolved.
 *
 * @param server           the server settings, already checked
 * @param defaults         the deployment defaults, already checked
 * @param plaintextAllowed whether credentials written into the file are accepted (with a warning)
 * @param deployments      every deployment, in file order
 * @param spend            the spend log settings, already checked
 * @param routing          the routing settings read so far; checked against the served models by the loader
 * @param redis            the {@code redis:} section as written (its password is resolved with the credentials)
 * @param limits           the limiter's settings, already checked
 * @param responses        how long stored responses are kept, already checked
 * @param names            the aliases and wildcard allowlists read so far; checked against the served models by the loader
 * @param root             the file's root, whose {@code telemetry:}, {@code logging:} and {@code metrics:}
 *                         sections are read with the credentials (their headers may be references)
 */
record Draft(ServerSettings server, Defaults defaults, boolean plaintextAllowed, List<DeploymentInput> deployments,
        SpendSettings spend, RoutingSection routing, Located redis, dev.gatehouse.server.limit.LimitSettings limits,
        dev.gatehouse.server.responses.ResponsesSettings responses, ModelNamesSection names, Located root) {

    /**
     * Values a deployment takes when it does not set its own.
     *
     * @param dropParams drop request parameters the provider can not take, instead of refusing the request
     * @param timeout      how long to wait for the upstream's first byte, and each pause in a stream
     * @param totalTimeout how long one upstream exchange may take in all
     */
    record Defaults(boolean dropParams, Duration timeout, Duration totalTimeout) {
        static final Defaults BUILT_IN = new Defaults(false, Deployment.DEFAULT_TIMEOUT, Deployment.DEFAULT_TOTAL_TIMEOUT);
    }

    Draft {
        deployments = List.copyOf(deployments);
    }
}
