package dev.gatehouse.testkit.openai;

import dev.gatehouse.testkit.FakeProvider.Violation;
import dev.gatehouse.testkit.RecordedRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Azure OpenAI's embeddings and images API departs from OpenAI's, for {@link FakeOpenAiMedia}:
 * its two addresses, {@code /openai/deployments/{deployment}/{operation}?api-version=…} (an absent or
 * malformed api-version is answered 404 "Resource not found") and the v1 API
 * {@code /openai/v1/{operation}}, which refuses an api-version query
 * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference,
 * https://learn.microsoft.com/en-us/rest/api/microsoft-foundry/azureopenai/embeddings); the key in
 * {@code api-key} only; DALL·E 3's single image per request and missing edit API, GPT Image's
 * missing WEBP output, and the images API's {@code contentFilter} refusal
 * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/dall-e).
 */
final class AzureMediaRules {

    private static final String OPERATIONS = "(embeddings|images/generations|images/edits)";
    private static final Pattern DEPLOYMENT_PATH = Pattern.compile("/openai/deployments/([A-Za-z0-9._%-]+)/"
            + OPERATIONS);
    private static final Pattern V1_PATH = Pattern.compile("/openai/v1/" + OPERATIONS);
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");

    private AzureMediaRules() {}

    /**
     * The operation the request asks for, as OpenAI's path names it ({@code /embeddings},
     * {@code /images/generations}, {@code /images/edits}), or empty for an address Azure does not have.
     */
    static Optional<String> operation(RecordedRequest request) {
        Matcher deployment = DEPLOYMENT_PATH.matcher(request.pathOnly());
        if (deployment.matches()) {
            return Optional.of("/" + deployment.group(2));
        }
        Matcher v1 = V1_PATH.matcher(request.pathOnly());
        return v1.matches() ? Optional.of("/" + v1.group(1)) : Optional.empty();
    }

    /** The Azure deployment the request names: in the path, or (v1) as the body's model; null when neither. */
    static String deployment(RecordedRequest request, String bodyModel) {
        Matcher deployment = DEPLOYMENT_PATH.matcher(request.pathOnly());
        return deployment.matches() ? deployment.group(1) : bodyModel;
    }

    /** Azure's checks of the address and the key, before the body is read. */
    static Optional<Violation> check(RecordedRequest request, String key) {
        boolean versioned = DEPLOYMENT_PATH.matcher(request.pathOnly()).matches();
        if (!request.method().equals("POST") || operation(request).isEmpty()) {
            return Optional.of(new Violation(404, "Resource not found"));
        }
        if (versioned && !request.query("api-version").map(v -> API_VERSION.matcher(v).matches()).orElse(false)) {
            return Optional.of(new Violation(404, "Resource not found"));
        }
        if (!versioned && request.query("api-version").isPresent()) {
            return Optional.of(new Violation(400, "api-version query parameter is not allowed when using /v1 path"));
        }
        if (!key.equals(request.header("api-key").orElse(null))) {
            return Optional.of(new Violation(401, "Access denied due to invalid subscription key or wrong API endpoint."
                    + " Make sure to provide a valid key for an active subscription and use a correct regional API"
                    + " endpoint for your resource."));
        }
        if (request.header("authorization").isPresent()) {
            return Optional.of(new Violation(400, "the fake expects the key in api-key only, not also in authorization"));
        }
        return Optional.empty();
    }

    /** Azure's own refusals of an images request to {@code deployment} (the model named by the deployment). */
    static Optional<String> checkImages(String deployment, int n, String outputFormat, boolean edit) {
        String model = deployment == null ? "" : deployment;
        if (model.startsWith("dall-e") && edit) {
            return Optional.of("DALL-E models don't support the Image Edit API.");
        }
        if (model.startsWith("dall-e-3") && n != 1) {
            return Optional.of("'n' must be 1 for dall-e-3.");
        }
        if (model.startsWith("gpt-image") && "webp".equalsIgnoreCase(outputFormat)) {
            return Optional.of("Invalid value for 'output_format': webp is not supported; use png or jpeg.");
        }
        return Optional.empty();
    }
}
