package dev.gatehouse.server.config;

import dev.gatehouse.provider.OptionCheck;
import dev.gatehouse.provider.ProviderDescriptor;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.secret.Secret;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings a provider needs beyond the common ones, checked where they are written: the
 * provider's own checks ({@link ProviderDescriptor#options()}) reported at the settings they name,
 * further credentials refused where the provider takes none, and options that name an address
 * Gatehouse calls checked like a base URL.
 */
final class ProviderSettings {

    private ProviderSettings() {}

    /** Whether the provider's credential rules are checked by the provider rather than as a plain api_key. */
    static boolean checksItsOwnCredentials(String provider) {
        return !Providers.descriptor(provider).credentials().isEmpty();
    }

    static void check(String provider, DeploymentInput input, Map<String, String> options, Secret key,
            Findings findings) {
        ProviderDescriptor descriptor = Providers.descriptor(provider);
        Set<String> given = new LinkedHashSet<>();
        for (String name : DeploymentInput.KEYS) {
            if (!input.setting(name).isMissing()) {
                given.add(name);
            }
        }
        for (OptionCheck.Problem problem : descriptor.options().check(provider,
                new OptionCheck.Written(given, options, key))) {
            findings.problem(at(input, problem.setting()), problem.message());
        }
        for (String name : DeploymentInput.AWS_CREDENTIALS) {
            if (given.contains(name) && !descriptor.credentials().contains(name)) {
                List<String> takers = takers(name);
                String named = takers.size() == 1 ? takers.getFirst() : String.join(", ",
                        takers.subList(0, takers.size() - 1)) + " or " + takers.getLast();
                findings.problem(input.setting(name), "only the " + named + " provider takes AWS credentials");
            }
        }
    }

    /** Where a provider's problem is reported: a setting, one option (or the options where it is absent), the deployment. */
    private static Located at(DeploymentInput input, String setting) {
        if (setting.isEmpty()) {
            return input.at();
        }
        if (setting.startsWith("options.")) {
            Located option = input.setting("options").get(setting.substring("options.".length()));
            return option.isMissing() ? input.setting("options") : option;
        }
        return input.setting(setting);
    }

    private static List<String> takers(String credential) {
        List<String> ids = new ArrayList<>();
        for (String id : Providers.ids()) {
            if (Providers.descriptor(id).credentials().contains(credential)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Checks the options of a deployment of {@code provider} that name an address Gatehouse calls
     * (Vertex AI's token_url) like a base URL. Returns the host of one when it is private and
     * allowed, else null.
     */
    static String checkEndpointOptions(String provider, DeploymentInput input, Map<String, String> options,
            boolean allowPrivate, Findings findings) {
        String privateHost = null;
        for (String name : Providers.descriptor(provider).endpointOptions(provider)) {
            String url = options.get(name);
            if (url == null) {
                continue;
            }
            Located at = input.setting("options").get(name);
            BaseUrls.Endpoint endpoint = BaseUrls.check(at, url, findings);
            if (endpoint == null) {
                continue;
            }
            if (endpoint.privateHost() && !allowPrivate) {
                findings.problem(at, "host '" + endpoint.host() + "' is on a private network; set"
                        + " allow_private_network: true on this deployment to allow calls to it");
            } else if (endpoint.plainHttp() && !endpoint.privateHost()) {
                findings.problem(at, "plain http:// would send signed credentials in clear text; use https://");
            } else if (endpoint.privateHost()) {
                privateHost = endpoint.host();
            }
        }
        return privateHost;
    }
}
