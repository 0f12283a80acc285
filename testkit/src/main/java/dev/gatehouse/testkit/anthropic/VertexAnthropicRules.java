package dev.gatehouse.testkit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.RecordedRequest;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claude on Vertex AI (https://docs.anthropic.com/en/api/claude-on-vertex-ai), checked as Vertex
 * checks it: {@code POST /v1/projects/{project}/locations/{location}/publishers/anthropic/models/{model}:rawPredict}
 * or {@code :streamRawPredict} (with {@code "stream": true}), an OAuth bearer token the fake
 * token endpoint issued, {@code "anthropic_version": "vertex-2023-10-16"} in the body and no
 * {@code model} there; the rest of the body is Anthropic's Messages request, checked by
 * {@link AnthropicRequestRules}.
 */
record VertexAnthropicRules(String project, String location, Predicate<String> validToken) {

    static final String VERSION = "vertex-2023-10-16";

    void check(RecordedRequest request) {
        Matcher path = Pattern.compile("/v1/projects/" + Pattern.quote(project) + "/locations/" + Pattern.quote(location)
                + "/publishers/anthropic/models/([A-Za-z0-9._@-]+):(rawPredict|streamRawPredict)")
                .matcher(request.pathOnly());
        if (!path.matches()) {
            throw new Refusal(404, "no Vertex AI method at " + request.pathOnly());
        }
        if (!request.method().equals("POST")) {
            throw new Refusal(405, "method " + request.method() + " not allowed on " + request.pathOnly());
        }
        if (request.header("x-api-key").isPresent()) {
            throw new Refusal(401, "an Anthropic API key was sent to Vertex AI; it takes only Google OAuth tokens");
        }
        String authorization = request.header("authorization").orElse("");
        if (!authorization.startsWith("Bearer ") || !validToken.test(authorization.substring("Bearer ".length()))) {
            throw new Refusal(401, "Request had invalid authentication credentials. Expected OAuth 2 access token");
        }
        if (!request.header("content-type").map(type -> type.startsWith("application/json")).orElse(false)) {
            throw Refusal.invalid("content-type: the body must be sent as application/json");
        }
        JsonNode body = AnthropicRequestRules.parse(request.body());
        if (!VERSION.equals(body.path("anthropic_version").asText(null))) {
            throw Refusal.invalid("anthropic_version: Field required, and must be " + VERSION + " on Vertex AI");
        }
        if (body.has("model")) {
            throw Refusal.invalid("model: Extra inputs are not permitted (on Vertex AI the model is in the URL)");
        }
        boolean streamed = path.group(2).equals("streamRawPredict");
        if (streamed != body.path("stream").asBoolean(false)) {
            throw Refusal.invalid(streamed ? ":streamRawPredict needs \"stream\": true"
                    : ":rawPredict does not stream; use :streamRawPredict for \"stream\": true");
        }
        ObjectNode messages = ((ObjectNode) body).deepCopy();
        messages.remove("anthropic_version");
        messages.put("model", path.group(1));
        AnthropicRequestRules.checkBody(messages);
    }
}
