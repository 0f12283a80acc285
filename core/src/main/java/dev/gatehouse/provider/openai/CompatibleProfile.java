package dev.gatehouse.provider.openai;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An OpenAI-compatible upstream described as data: where it lives, how it authenticates,
 * and where it departs from OpenAI's request format.
 *
 * @param id                    the provider id used in configuration
 * @param displayName           the name used in messages
 * @param defaultBaseUrl        the API root that {@code /chat/completions} is appended to; null when every
 *                              deployment must give its own (self-hosted servers)
 * @param bearerAuth            send the deployment's key as {@code Authorization: Bearer}; false for upstreams
 *                              that take no key
 * @param unsupportedParams     top-level request fields the upstream refuses: dropped when the deployment drops
 *                              parameters, otherwise refused with a 400 before any call is made
 * @param renamedParams         top-level request fields the upstream knows under another name
 * @param streamUsageOption     whether the upstream accepts {@code stream_options.include_usage}; Gatehouse then
 *                              always asks for usage so that every stream can be accounted
 * @param singleChoiceOnly      the upstream refuses {@code n} other than 1
 * @param messageNamesRefused   the upstream refuses the {@code name} field on messages
 */
public record CompatibleProfile(String id, String displayName, URI defaultBaseUrl, boolean bearerAuth,
        Set<String> unsupportedParams, Map<String, String> renamedParams, boolean streamUsageOption,
        boolean singleChoiceOnly, boolean messageNamesRefused) {

    public CompatibleProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        unsupportedParams = Set.copyOf(unsupportedParams);
        renamedParams = Map.copyOf(renamedParams);
    }

    /** A profile that is OpenAI's format with nothing changed. */
    static CompatibleProfile plain(String id, String displayName, String baseUrl, boolean streamUsageOption) {
        return new CompatibleProfile(id, displayName, baseUrl == null ? null : URI.create(baseUrl), true, Set.of(),
                Map.of(), streamUsageOption, false, false);
    }
}
