package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.RetryAfter;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Redaction;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;

/**
 * The one status mapping of the OpenAI-compatible family: an error response (OpenAI's
 * {@code {"error":{"message","type","param","code"}}}, OpenRouter's numeric code) → the
 * matching {@link GatewayException}. Status meanings follow OpenAI's error-code guide.
 */
final class OpenAiErrors {

    private OpenAiErrors() {}

    /** The mapping of one member's refusals, for {@link UpstreamCalls}. */
    static UpstreamCalls.Errors of(CompatibleProfile profile, Clock clock) {
        return (response, body) -> fromStatus(response.status(), body, response.header("retry-after").orElse(null),
                profile, clock);
    }

    static GatewayException fromStatus(int status, String body, String retryAfter, CompatibleProfile profile,
            Clock clock) {
        JsonNode error = errorObject(body);
        String message = Json.textOrNull(error, "message");
        String type = Json.textOrNull(error, "type");
        String code = error == null ? null : error.path("code").asText(null);
        String param = Json.textOrNull(error, "param");
        String name = profile.displayName();
        String said = message == null ? "" : ": " + Redaction.redact(message);
        return switch (status) {
            case 400, 422 -> {
                if ("context_length_exceeded".equals(code) || contains(message, "maximum context length")) {
                    yield new GatewayException.ContextLengthExceeded(name + " says the prompt is too long for the "
                            + "model's context window" + said, body);
                }
                // Azure's images API names its refusals contentFilter, for the prompt and for a generated
                // image alike (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/dall-e).
                if ("content_filter".equals(code) || "content_policy_violation".equals(code)
                        || "contentFilter".equals(code)) {
                    yield new GatewayException.ContentFiltered(name + " refused the prompt under its content policy"
                            + said + filtered(error), body);
                }
                yield new GatewayException.BadRequest(name + " refused the request" + said, param, code, body);
            }
            case 401 -> new GatewayException.Authentication(name + " refused the deployment's credential", body);
            case 403 -> new GatewayException.PermissionDenied(name + " does not allow this request" + said, body);
            case 404 -> new GatewayException.NotFound(name + " does not know the model or path" + said, null,
                    "model_not_found", body);
            case 429 -> {
                boolean quota = "insufficient_quota".equals(code) || "insufficient_quota".equals(type);
                yield new GatewayException.RateLimited(name + (quota ? " reports the account's quota is used up"
                        : " is rate limiting requests") + said, RetryAfter.parseHeader(retryAfter, clock), quota, body);
            }
            default -> status >= 500
                    ? new GatewayException.UpstreamServerError(name + " failed with status " + status + said, status, body)
                    : new GatewayException.BadRequest(name + " refused the request with status " + status + said,
                            param, code, body);
        };
    }

    /** An error object that arrived inside a 200 stream: {@code data: {"error": {...}}}. */
    static GatewayException fromStreamEvent(JsonNode error, CompatibleProfile profile) {
        String message = Json.textOrNull(error, "message");
        int code = error.path("code").isInt() ? error.path("code").asInt() : 0;
        String said = message == null ? "" : ": " + Redaction.redact(message);
        if (code == 429) {
            return new GatewayException.RateLimited(profile.displayName() + " stopped the stream" + said, null, false,
                    Json.text(error));
        }
        return new GatewayException.UpstreamServerError(profile.displayName() + " reported an error inside the stream"
                + said, code >= 500 ? code : 0, Json.text(error));
    }

    /**
     * Azure's content filter names what it filtered in {@code innererror.content_filter_result}
     * ({@code {"violence":{"filtered":true,"severity":"medium"},…}}): the filtered categories, for the caller.
     */
    private static String filtered(JsonNode error) {
        JsonNode result = error == null ? null : error.path("innererror").get("content_filter_result");
        if (result == null || !result.isObject()) {
            return "";
        }
        java.util.List<String> categories = new java.util.ArrayList<>();
        result.properties().forEach(entry -> {
            if (entry.getValue().path("filtered").asBoolean(false)) {
                String severity = Json.textOrNull(entry.getValue(), "severity");
                categories.add(entry.getKey() + (severity == null ? "" : " (" + severity + ")"));
            }
        });
        return categories.isEmpty() ? "" : " [filtered: " + String.join(", ", categories) + "]";
    }

    private static JsonNode errorObject(String body) {
        try {
            JsonNode root = Json.mapper().readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            return error != null && error.isObject() ? error : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean contains(String text, String fragment) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(fragment);
    }
}
