package dev.gatehouse.provider;

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
 */
public record ProviderDescriptor(List<String> ids, Function<String, Provider> factory, OptionCheck options,
        List<String> credentials, Map<String, Set<String>> endpointOptions, List<LiteLlmPrefix> liteLlm) {

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

    /** A descriptor with no further credentials and no address options. */
    public static ProviderDescriptor of(List<String> ids, Function<String, Provider> factory, OptionCheck options,
            List<LiteLlmPrefix> liteLlm) {
        return new ProviderDescriptor(ids, factory, options, List.of(), Map.of(), liteLlm);
    }
}
