package dev.gatehouse;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.TimedTransport;
import dev.gatehouse.http.Transport;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ImageInliner;
import dev.gatehouse.provider.ModelInfo;
import dev.gatehouse.provider.NativeImageInliner;
import dev.gatehouse.provider.NativeMessages;
import dev.gatehouse.provider.NativeResponses;
import dev.gatehouse.provider.Provider;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.provider.Upstream;
import dev.gatehouse.routing.Attempt;
import dev.gatehouse.routing.Group;
import dev.gatehouse.routing.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a request is served with, built once per configuration by {@link GatewayAssembly}.
 * A request reads it once, at its start, so that a {@link Gateway#replaceWith replacement} never
 * changes the deployments under a request in flight.
 *
 * @param providers     the provider instance of each provider id, shared by its deployments
 * @param transport     how upstreams are called
 * @param transports    the same with each connect timeout a deployment sets
 * @param inliner       images inlined for chat providers that take no image URLs
 * @param nativeInliner the same for Anthropic Messages bodies sent as written
 * @param modelNames    the public model names, in configuration order
 * @param modelFacts    what each public model can take and do ({@link ModelFacts}), worked out once
 *                      per configuration rather than on every request that asks
 * @param tokens        how input tokens are estimated before a request is sent
 * @param names         the aliases and the wildcard models' allowlists
 * @param catalog       the model catalog its deployments are priced and described from (a wildcard's names too)
 */
record Snapshot(Router router, Map<String, Provider> providers, Transport transport,
        Map<Duration, Transport> transports, ImageInliner inliner, NativeImageInliner nativeInliner,
        List<String> modelNames, Map<String, ModelInfo> modelFacts, TokenEstimator tokens,
        dev.gatehouse.routing.ModelNames names, dev.gatehouse.catalog.ModelCatalog catalog) {

    Provider provider(Deployment deployment) {
        return providers.get(deployment.provider());
    }

    /**
     * Where an attempt goes: its deployment, and the transport that reaches it (with the
     * deployment's own connect timeout, if it sets one) timed for the attempt's request, so that
     * the request's time upstream is counted whichever thread the attempt runs on.
     */
    Upstream upstream(Attempt attempt) {
        Deployment deployment = attempt.deployment();
        Transport reaching = deployment.connectTimeout() == null ? transport
                : transports.get(deployment.connectTimeout());
        return new Upstream(deployment, new TimedTransport(reaching, attempt.context().upstream(), attempt.observer()));
    }

    /** The deployment's provider as {@code type}, or a 400 naming the model and the operation it does not serve. */
    <P extends Provider> P operation(Deployment deployment, Class<P> type, String operation) {
        Provider provider = provider(deployment);
        if (!provider.offers(type)) {
            throw new GatewayException.BadRequest("The model '" + deployment.model() + "' does not support "
                    + operation + " (its provider " + deployment.provider() + " does not offer them).", "model",
                    "unsupported_operation", null);
        }
        return type.cast(provider);
    }

    /** Whether every deployment of {@code model} speaks Anthropic's Messages API; false when it is not served. */
    boolean speaksAnthropicMessages(String model) {
        Group group = router.group(model);
        return group != null && group.deployments().stream().allMatch(this::speaksNatively);
    }

    /** Whether the deployment takes Anthropic Messages requests as written. */
    boolean speaksNatively(Deployment deployment) {
        return provider(deployment) instanceof NativeMessages provider && provider.takesNativeMessages(deployment);
    }

    /** Whether every deployment of {@code model} speaks OpenAI's Responses API; false when it is not served. */
    boolean speaksOpenAiResponses(String model) {
        Group group = router.group(model);
        return group != null && group.deployments().stream().allMatch(this::takesResponsesNatively);
    }

    /** Whether the deployment takes OpenAI Responses requests as written. */
    boolean takesResponsesNatively(Deployment deployment) {
        return provider(deployment) instanceof NativeResponses provider && provider.takesNativeResponses(deployment);
    }
}
