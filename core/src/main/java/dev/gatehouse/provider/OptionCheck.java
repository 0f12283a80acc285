package dev.gatehouse.provider;

import dev.gatehouse.secret.Secret;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A provider's checks of a deployment's settings as written, before the deployment is built:
 * what only this provider knows (Bedrock's region and AWS credentials, Azure's base URL and API
 * version, Vertex AI's project and location). The configuration reader reports each problem at
 * the setting it names.
 */
@FunctionalInterface
public interface OptionCheck {

    /** For providers that need nothing beyond the common settings. */
    OptionCheck NONE = (id, written) -> List.of();

    /** The problems of a deployment of provider {@code id}; empty when there are none. */
    List<Problem> check(String id, Written written);

    /**
     * A deployment's settings as written.
     *
     * @param given   the names of the settings present ({@code api_key}, {@code base_url}, {@code options},
     *                {@code aws_access_key_id}, …)
     * @param options the provider options, as text
     * @param apiKey  the resolved {@code api_key}, or null
     */
    record Written(Set<String> given, Map<String, String> options, Secret apiKey) {
        public boolean has(String setting) {
            return given.contains(setting);
        }
    }

    /**
     * One problem, at a setting: a setting's name, {@code options.NAME} for one option
     * ({@code options} itself where that option is absent), or empty for the deployment as a whole.
     */
    record Problem(String setting, String message) {}
}
