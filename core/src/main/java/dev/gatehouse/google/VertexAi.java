package dev.gatehouse.google;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.Transport;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What every adapter calling Vertex AI shares, whatever the publisher of the model: the URL of a
 * publisher's model ({@code https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/{publisher}/models/{model}:{method}},
 * {@code aiplatform.googleapis.com} for the {@code global} location) and the
 * {@code Authorization: Bearer} header with the deployment's service-account token.
 *
 * <p>A deployment's credential is the service-account JSON key; its options name the
 * {@code project} and {@code location}, and may name a {@code token_url} (see
 * {@link TokenEndpoints}). Its base URL, when set, replaces the host (a proxy, a test's fake).
 * Thread-safe; one instance is shared by the deployments of a provider.
 */
public final class VertexAi {

    /** A value that stays inside its URL path segment ('@' separates a Claude model's version on Vertex AI). */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._@-]+");
    /** Locations become part of the host name. */
    private static final Pattern LOCATION = Pattern.compile("[a-z0-9-]+");

    private final AccessTokens tokens;
    private final Map<Secret, ServiceAccountKey> keys = new ConcurrentHashMap<>();

    public VertexAi() {
        this(new AccessTokens());
    }

    public VertexAi(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** The URL of a method of a publisher's model; the model name is the caller's, so a bad one is a 400. */
    public URI modelUrl(Deployment deployment, String publisher, String model, String method) {
        if (!SEGMENT.matcher(model).matches() || model.contains("..")) {
            throw new GatewayException.BadRequest("the model name '" + model
                    + "' may only contain letters, digits, '.', '_', '@' and '-'", "model");
        }
        return URI.create(projectUrl(deployment) + "/publishers/" + publisher + "/models/" + model + method);
    }

    /** {@code {host}/v1/projects/{project}/locations/{location}} of the deployment. */
    public String projectUrl(Deployment deployment) {
        String project = option(deployment, "project");
        if (!SEGMENT.matcher(project).matches() || project.contains("..")) {
            throw new IllegalStateException("the Vertex AI project '" + project + "' of deployment '"
                    + deployment.model() + "' may only contain letters, digits, '.', '_' and '-'");
        }
        String location = option(deployment, "location");
        if (!LOCATION.matcher(location).matches()) {
            throw new IllegalStateException("the Vertex AI location '" + location + "' of deployment '"
                    + deployment.model() + "' may only contain lower-case letters, digits and '-'");
        }
        URI host = URI.create(location.equals("global") ? "https://aiplatform.googleapis.com"
                : "https://" + location + "-aiplatform.googleapis.com");
        String base = deployment.baseUrlOr(host).toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/v1/projects/" + project + "/locations/" + location;
    }

    /**
     * {@code Authorization: Bearer} with a valid access token of the deployment's service account,
     * fetched through {@code transport} (the calling request's) when none is cached.
     */
    public Map<String, String> authHeaders(Deployment deployment, Transport transport) {
        Secret json = deployment.apiKey();
        ServiceAccountKey key = json == null ? ServiceAccountKey.parse(null) : keys.computeIfAbsent(json,
                ServiceAccountKey::parse);
        String configured = deployment.options().get("token_url");
        URI tokenUrl = TokenEndpoints.of(key, configured == null ? null : URI.create(configured));
        return Map.of("authorization", "Bearer " + tokens.token(key, tokenUrl, deployment.timeout(), transport).reveal());
    }

    private static String option(Deployment deployment, String name) {
        String value = deployment.options().get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the Vertex AI deployment '" + deployment.model() + "' has no '" + name
                    + "' option");
        }
        return value;
    }
}
