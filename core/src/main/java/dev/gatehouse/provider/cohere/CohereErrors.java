package dev.gatehouse.provider.cohere;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.RetryAfter;
import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Redaction;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;

/**
 * Cohere's errors by status, as the responses of {@code /v2/chat} in Cohere's OpenAPI list them
 * (every body is {@code {"id":…,"message":…}}): 400 and 422 a bad request (a context overflow
 * when the message says there are too many tokens), 401 the key, 402 billing, 403 permission,
 * 404 the model, 429 the rate limit, 498 a deny-listed token in the request or answer (a
 * content filter), 499 cancelled, 500/503 Cohere's failures, 504 a timeout.
 */
final class CohereErrors {

    private CohereErrors() {}

    static GatewayException fromResponse(int status, String retryAfter, String body, Clock clock) {
        String message = message(body);
        String said = message == null ? "" : ": " + Redaction.redact(message);
        return switch (status) {
            case 400, 422 -> message != null && (contains(message, "too many tokens") || contains(message, "context length"))
                    ? new GatewayException.ContextLengthExceeded("the prompt does not fit the model's context window"
                            + said, body)
                    : new GatewayException.BadRequest("Cohere refused the request" + said, null, null, body);
            case 401 -> new GatewayException.Authentication("Cohere refused the deployment's API key", body);
            case 402 -> new GatewayException.RateLimited("the deployment's Cohere account has a billing problem" + said,
                    null, true, body);
            case 403 -> new GatewayException.PermissionDenied("the deployment's Cohere key may not do this" + said, body);
            case 404 -> new GatewayException.NotFound("Cohere does not know this model" + said, "model",
                    "model_not_found", body);
            case 429 -> new GatewayException.RateLimited("Cohere's rate limit was reached" + said,
                    RetryAfter.parseHeader(retryAfter, clock), false, body);
            case 498 -> new GatewayException.ContentFiltered("Cohere refused a deny-listed token" + said, body);
            case 504 -> new GatewayException.UpstreamTimeout("Cohere timed out" + said, null);
            default -> status >= 500 || status == 499
                    ? new GatewayException.UpstreamServerError("Cohere failed with status " + status + said, status, body)
                    : new GatewayException.BadRequest("Cohere refused the request with status " + status + said,
                            null, null, body);
        };
    }

    /** The error a stream reports in its message-end event ({@code delta.error}). */
    static GatewayException fromStream(String error, String event) {
        return new GatewayException.UpstreamServerError("Cohere's generation failed in the middle of the stream"
                + (error == null ? "" : ": " + Redaction.redact(error)), 0, event);
    }

    private static String message(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.textOrNull(Json.mapper().readTree(body), "message");
        } catch (IOException notJson) {
            return null;
        }
    }

    private static boolean contains(String text, String fragment) {
        return text.toLowerCase(Locale.ROOT).contains(fragment);
    }
}
