package dev.gatehouse.provider;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a provider package tells the rest of Gatehouse about itself, registered in
 * {@link Providers}: nothing outside the package needs to know more.
 *
 * @param ids             the provider ids it serves, as configuration names them
 * @param factory         a provider for one of those ids; providers are shared by every request
 * @param options         its checks of a deployment's provider-specific settings
 * @param credentials     further credentials it reads from a deployment beside {@code api_key}
 *                        (Bedrock's AWS keys); a provider with any checks its credentials itself
 * @param endpointOptions by provider id, the options that name an address Gatehouse calls (Vertex AI's
 *                        {@code token_url}), checked like a base URL
 * @param liteLlm         the LiteLLM prefixes it serves
 * @param reach           by provider id, how a deployment reaches its upstream
 */
public record ProviderDescriptor(List<String> ids, Function<String, Provider> factory, OptionCheck options,
        List<String> credentials, Map<String, Set<String>> endpointOptions, List<LiteLlmPrefix> liteLlm,
        Function<String, Reach> reach) {

    /**
     * How a deployment of one provider id reaches its upstream, for the configuration's checks.
     *
     * @param defaultBaseUrl the address it calls when the deployment names none, where that address is
     *                       configuration (the compatible family's, a local server's among them); null where the
     *                       provider builds its own address or calls none
     * @param selfHosted     it has no default address: the deployment names one, and needs a key only when it is
     *                       not on a private network
     * @param keyless        it takes no key at all
     */
    public record Reach(URI defaultBaseUrl, boolean selfHosted, boolean keyless) {
        /** A public API at an address the provider knows, with a key. */
        public static final Reach PUBLIC = new Reach(null, false, false);
    }

    public ProviderDescriptor {
        ids = List.copyOf(ids);
        credentials = List.copyOf(credentials);
        endpointOptions = Map.copyOf(endpointOptions);
        liteLlm = List.copyOf(liteLlm);
    }

    /** The options of a deployment of {@code id} that name an address Gatehouse calls. */
    public Set<String> endpointOptions(String id) {
        return endpointOptions.getOrDefault(id, Set.of());
    }

    /** A descriptor with no further credentials and no address options, of public APIs with a key. */
    public static ProviderDescriptor of(List<String> ids, Function<String, Provider> factory, OptionCheck options,
            List<LiteLlmPrefix> liteLlm) {
        return new ProviderDescriptor(ids, factory, options, List.of(), Map.of(), liteLlm, id -> Reach.PUBLIC);
    }
}
