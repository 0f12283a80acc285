package dev.gatehouse.testkit.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeProvider.Violation;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Azure OpenAI departs from OpenAI, for the fake: its two addresses
 * ({@code /openai/deployments/{deployment}/chat/completions?api-version=…}, where an absent
 * api-version is answered 404 "Resource not found", and the v1 API {@code /openai/v1/chat/completions});
 * for the Responses API {@code /openai/responses?api-version=…} and {@code /openai/v1/responses},
 * with no deployment in the path (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/responses);
 * the {@code api-key} header, and the content filter's annotations: a first stream chunk with
 * {@code prompt_filter_results} and no choices (its id and model empty), {@code content_filter_results}
 * on choices, and a 400 with code {@code content_filter} when the prompt is filtered
 * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/content-filter).
 */
final class AzureRules {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEPLOYMENT_PATH = Pattern.compile("/openai/deployments/[A-Za-z0-9._%-]+/chat/completions");
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");
    private static final String[] CATEGORIES = {"hate", "self_harm", "sexual", "violence"};

    private AzureRules() {}

    static Optional<Violation> check(RecordedRequest request, String key) {
        String path = request.pathOnly();
        boolean v1 = path.equals("/openai/v1/chat/completions") || path.equals("/openai/v1/responses");
        boolean versioned = DEPLOYMENT_PATH.matcher(path).matches() || path.equals("/openai/responses");
        if (!request.method().equals("POST") || !(v1 || versioned)) {
            return Optional.of(new Violation(404, "Resource not found"));
        }
        if (!v1 && !request.query("api-version").map(v -> API_VERSION.matcher(v).matches()).orElse(false)) {
            return Optional.of(new Violation(404, "Resource not found"));
        }
        if (path.equals("/openai/responses") && request.query("api-version").orElse("").compareTo("2025-03-01") < 0) {
            return Optional.of(new Violation(400, "The Responses API is enabled only for api-version "
                    + "2025-03-01-preview and later"));
        }
        if (v1 && request.query("api-version").isPresent()) {
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

    /** The first chunk of an Azure stream: the prompt's filter results, no choices. */
    static ObjectNode promptFilterChunk() {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.putArray("choices");
        chunk.put("created", 0).put("id", "").put("model", "").put("object", "");
        ObjectNode result = chunk.putArray("prompt_filter_results").addObject().put("prompt_index", 0);
        result.set("content_filter_results", safe());
        return chunk;
    }

    /** Content filter results on every choice of a stream chunk. */
    static void annotateChunk(ObjectNode chunk) {
        for (var choice : chunk.path("choices")) {
            ((ObjectNode) choice).set("content_filter_results", safe());
        }
    }

    /** The filter annotations of a whole answer: prompt results at the top, completion results on the choice. */
    static void annotateCompletion(ObjectNode body) {
        body.putArray("prompt_filter_results").addObject().put("prompt_index", 0).set("content_filter_results", safe());
        for (var choice : body.path("choices")) {
            ((ObjectNode) choice).set("content_filter_results", safe());
        }
    }

    static Reply contentFiltered() {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", "The response was filtered due to the prompt "
                + "triggering Azure OpenAI's content management policy. Please modify your prompt and retry.");
        error.putNull("type");
        error.put("param", "prompt").put("code", "content_filter").put("status", 400);
        ObjectNode inner = error.putObject("innererror").put("code", "ResponsibleAIPolicyViolation");
        ObjectNode results = safe();
        results.putObject("violence").put("filtered", true).put("severity", "medium");
        inner.set("content_filter_result", results);
        return Reply.Full.json(400, body.toString());
    }

    private static ObjectNode safe() {
        ObjectNode results = JSON.createObjectNode();
        for (String category : CATEGORIES) {
            results.putObject(category).put("filtered", false).put("severity", "safe");
        }
        return results;
    }
}
