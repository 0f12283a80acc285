package dev.gatehouse.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.anthropic.AnthropicErrorJson;
import dev.gatehouse.http.RetryAfter;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Redaction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Anthropic's errors as {@link GatewayException}s: one mapping from an HTTP status, the error
 * body and the headers, used for failed responses and (without a status) for the
 * {@code event: error} of a stream.
 *
 * <p>Anthropic's body is {@code {"type":"error","error":{"type":…,"message":…},"request_id":…}}
 * (https://platform.claude.com/docs/en/api/errors). The error {@code type} decides first, the
 * status second: an overload can arrive as a 429 with {@code overloaded_error}, and an error
 * event inside a stream has no status at all.
 *
 * <p>Choices made here:
 * <ul>
 *   <li>402 {@code billing_error} becomes {@link GatewayException.RateLimited} with the quota
 *       exhausted (OpenAI's {@code insufficient_quota}, not retryable): the deployment has run out
 *       of credit, which is what OpenAI callers already handle under that code.</li>
 *   <li>529 {@code overloaded_error} becomes {@link GatewayException.UpstreamServerError} with
 *       status 529, which reaches callers as a retryable 503.</li>
 *   <li>The caller-visible message carries Anthropic's own message (redacted) for request
 *       errors, where it says what to fix; for credential errors it says only that the key was
 *       refused. The body is kept, redacted, for logs.</li>
 * </ul>
 */
final class AnthropicErrors {

    private static final String CONTEXT_OVERFLOW = "prompt is too long";

    private AnthropicErrors() {}

    /** The mapping of a refused call, for {@link UpstreamCalls}. */
    static final UpstreamCalls.Errors ERRORS = (response, body) -> fromResponse(response.status(),
            response.headers(), body);

    /** A failed response: its status, headers (lower-case names) and body text. */
    static GatewayException fromResponse(int status, Map<String, List<String>> headers, String body) {
        return fromResponse(status, headers, body, Clock.systemUTC());
    }

    static GatewayException fromResponse(int status, Map<String, List<String>> headers, String body, Clock clock) {
        Duration retryAfter = RetryAfter.parseHeader(firstHeader(headers, "retry-after"), clock);
        JsonNode error = errorObject(body);
        return map(status, Json.textOrNull(error, "type"), Json.textOrNull(error, "message"), retryAfter, body);
    }

    /** The data of an {@code event: error} inside a 200 stream. */
    static GatewayException fromStreamEvent(String data) {
        JsonNode error = errorObject(data);
        return map(0, Json.textOrNull(error, "type"), Json.textOrNull(error, "message"), null, data);
    }

    private static GatewayException map(int status, String type, String upstreamMessage, Duration retryAfter,
            String body) {
        String detail = upstreamMessage == null ? "" : ": " + Redaction.redact(upstreamMessage);
        String kind = type != null ? type : typeOfStatus(status);
        return switch (kind) {
            case "invalid_request_error" -> upstreamMessage != null
                    && upstreamMessage.toLowerCase(Locale.ROOT).contains(CONTEXT_OVERFLOW)
                    ? new GatewayException.ContextLengthExceeded(
                            "the prompt does not fit the model's context window" + detail, body)
                    : new GatewayException.BadRequest("Anthropic refused the request" + detail, null, null, body);
            case "request_too_large" -> new GatewayException.BadRequest(
                    "the request is larger than Anthropic accepts" + detail, null, "request_too_large", body);
            case "authentication_error" -> new GatewayException.Authentication(
                    "Anthropic refused the deployment's API key", body);
            case "permission_error" -> new GatewayException.PermissionDenied(
                    "the deployment's Anthropic key may not do this" + detail, body);
            case "not_found_error" -> new GatewayException.NotFound(
                    "Anthropic does not know this model or resource" + detail, "model", "model_not_found", body);
            case "billing_error" -> new GatewayException.RateLimited(
                    "the deployment's Anthropic account has a billing problem" + detail, null, true, body);
            case "rate_limit_error" -> new GatewayException.RateLimited(
                    "Anthropic's rate limit was reached" + detail, retryAfter, false, body);
            case "overloaded_error" -> new GatewayException.UpstreamServerError("Anthropic is overloaded", 529, body);
            case "timeout_error" -> new GatewayException.UpstreamServerError(
                    "Anthropic timed out while processing the request", 504, body);
            case "api_error" -> new GatewayException.UpstreamServerError(
                    "Anthropic had an internal error", status >= 500 ? status : 500, body);
            default -> byStatus(status, detail, retryAfter, body);
        };
    }

    /** The statuses Anthropic documents an error type for. */
    private static final Set<Integer> DOCUMENTED = Set.of(400, 401, 402, 403, 404, 413, 429, 500, 504, 529);

    /** The error type Anthropic documents for a status (the front door's own table), for bodies that do not name one. */
    private static String typeOfStatus(int status) {
        return DOCUMENTED.contains(status) ? AnthropicErrorJson.type(status) : "";
    }

    /** An error type Anthropic has not documented (the list may grow): judged by its status. */
    private static GatewayException byStatus(int status, String detail, Duration retryAfter, String body) {
        if (status == 429) {
            return new GatewayException.RateLimited("Anthropic's rate limit was reached" + detail, retryAfter, false, body);
        }
        if (status >= 400 && status < 500) {
            return new GatewayException.BadRequest("Anthropic refused the request" + detail, null, null, body);
        }
        String where = status == 0 ? "in the middle of the stream" : "with status " + status;
        return new GatewayException.UpstreamServerError("Anthropic failed " + where + detail, status, body);
    }

    private static JsonNode errorObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = Json.mapper().readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            return error != null && error.isObject() ? error : null;
        } catch (IOException notJson) {
            return null; // A proxy's HTML page, say: the status alone decides.
        }
    }

    private static String firstHeader(Map<String, List<String>> headers, String name) {
        List<String> values = headers == null ? null : headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
