package dev.gatehouse.google;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.OptionCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings a deployment on Vertex AI needs beyond the common ones, whatever the publisher of
 * its model: the service-account key in {@code api_key} (read now, so that a wrong file is
 * reported at load rather than at the first request) and the options {@code project},
 * {@code location} and, optionally, {@code token_url} (an address, checked as such by the reader).
 */
public final class VertexOptions {

    /** The options a Vertex AI deployment takes. */
    public static final Set<String> OPTIONS = Set.of("project", "location", "token_url", "native_messages");
    /** The option that names an address Gatehouse calls. */
    public static final Set<String> ENDPOINT_OPTIONS = Set.of("token_url");
    /** Google Cloud project ids: 6–30 lower-case letters, digits and hyphens. */
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    /** Locations become part of a host name. */
    private static final Pattern LOCATION = Pattern.compile("[a-z0-9-]+");

    /** The check, for a provider descriptor. */
    public static final OptionCheck CHECK = (id, written) -> check(written);

    private VertexOptions() {}

    static List<OptionCheck.Problem> check(OptionCheck.Written written) {
        List<OptionCheck.Problem> problems = new ArrayList<>();
        for (String name : written.options().keySet()) {
            if (!OPTIONS.contains(name)) {
                problems.add(new OptionCheck.Problem("options." + name, "unknown option for a Vertex AI provider;"
                        + " known: project, location, token_url, native_messages"));
            }
        }
        String project = written.options().get("project");
        if (project == null) {
            problems.add(new OptionCheck.Problem("options",
                    "a Vertex AI provider needs the option project: the Google Cloud project id"));
        } else if (!PROJECT.matcher(project).matches()) {
            problems.add(new OptionCheck.Problem("options.project", "is not a Google Cloud project id (6–30"
                    + " lower-case letters, digits and hyphens)"));
        }
        String location = written.options().get("location");
        if (location == null) {
            problems.add(new OptionCheck.Problem("options",
                    "a Vertex AI provider needs the option location: a region such as us-central1, or global"));
        } else if (!LOCATION.matcher(location).matches()) {
            problems.add(new OptionCheck.Problem("options.location", "is not a Vertex AI location (lower-case"
                    + " letters, digits and hyphens, such as us-central1 or global)"));
        }
        if (written.apiKey() != null) {
            try {
                ServiceAccountKey.parse(written.apiKey());
            } catch (GatewayException e) {
                // The message names the field at fault, never a value.
                problems.add(new OptionCheck.Problem("api_key", e.getMessage() + " Give the service-account JSON"
                        + " key file: file:/path/key.json or env:NAME"));
            }
        }
        return problems;
    }
}
