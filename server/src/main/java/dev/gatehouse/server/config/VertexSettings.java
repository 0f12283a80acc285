package dev.gatehouse.server.config;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.google.ServiceAccountKey;
import dev.gatehouse.secret.Secret;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings a {@code vertex} or {@code vertex_anthropic} deployment needs beyond the common ones: the service-account
 * key in {@code api_key} (read now, so that a wrong file is reported at load rather than at the
 * first request) and the options {@code project}, {@code location} and, optionally,
 * {@code token_url}.
 */
final class VertexSettings {

    /** The providers that call Vertex AI. */
    static final Set<String> PROVIDERS = Set.of("vertex", "vertex_anthropic");
    static final Set<String> OPTIONS = Set.of("project", "location", "token_url", "native_messages");
    /** Google Cloud project ids: 6–30 lower-case letters, digits and hyphens. */
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    /** Locations become part of a host name. */
    private static final Pattern LOCATION = Pattern.compile("[a-z0-9-]+");

    private VertexSettings() {}

    /** Records every problem; returns the token URL's host when it is private and allowed, else null. */
    static String check(DeploymentInput input, Secret key, Map<String, String> options, boolean allowPrivate,
            Findings findings) {
        Located optionsAt = input.setting("options");
        for (String name : options.keySet()) {
            if (!OPTIONS.contains(name)) {
                findings.problem(optionsAt.get(name), "unknown option for a Vertex AI provider; known: project, location,"
                        + " token_url, native_messages");
            }
        }
        String project = options.get("project");
        if (project == null) {
            findings.problem(optionsAt, "a Vertex AI provider needs the option project: the Google Cloud project id");
        } else if (!PROJECT.matcher(project).matches()) {
            findings.problem(optionsAt.get("project"), "is not a Google Cloud project id (6–30 lower-case letters,"
                    + " digits and hyphens)");
        }
        String location = options.get("location");
        if (location == null) {
            findings.problem(optionsAt, "a Vertex AI provider needs the option location: a region such as us-central1, or global");
        } else if (!LOCATION.matcher(location).matches()) {
            findings.problem(optionsAt.get("location"), "is not a Vertex AI location (lower-case letters, digits and"
                    + " hyphens, such as us-central1 or global)");
        }
        if (key != null) {
            try {
                ServiceAccountKey.parse(key);
            } catch (GatewayException e) {
                // The message names the field at fault, never a value.
                findings.problem(input.setting("api_key"), e.getMessage() + " Give the service-account JSON key"
                        + " file: file:/path/key.json or env:NAME");
            }
        }
        String tokenUrl = options.get("token_url");
        if (tokenUrl == null) {
            return null;
        }
        BaseUrls.Endpoint endpoint = BaseUrls.check(optionsAt.get("token_url"), tokenUrl, findings);
        if (endpoint == null) {
            return null;
        }
        if (endpoint.privateHost() && !allowPrivate) {
            findings.problem(optionsAt.get("token_url"), "host '" + endpoint.host() + "' is on a private network; set"
                    + " allow_private_network: true on this deployment to allow calls to it");
            return null;
        }
        if (endpoint.plainHttp() && !endpoint.privateHost()) {
            findings.problem(optionsAt.get("token_url"), "plain http:// would send signed credentials in clear text;"
                    + " use https://");
            return null;
        }
        return endpoint.privateHost() ? endpoint.host() : null;
    }
}
