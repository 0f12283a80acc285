package dev.gatehouse.api.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.ErrorText;
import dev.gatehouse.json.Json;

/**
 * A failure in Anthropic's error format, with Anthropic's status codes
 * (https://platform.claude.com/docs/en/api/errors):
 * {@code {"type":"error","error":{"type":…,"message":…},"request_id":…}}.
 *
 * <p>The status follows the failure's own, with Anthropic's words for it, and two choices:
 * an overloaded upstream (Anthropic's 529, or a 503 from any provider) is Anthropic's
 * {@code 529 overloaded_error}, which its SDKs retry with a longer backoff; a deployment out of
 * credit (OpenAI's {@code insufficient_quota}, Anthropic's {@code billing_error}) is
 * {@code 402 billing_error}, which they do not retry.
 */
public final class AnthropicErrorJson {

    private AnthropicErrorJson() {}

    /** The HTTP status the caller receives. */
    public static int status(GatewayException error) {
        if (error instanceof GatewayException.UpstreamServerError upstream
                && (upstream.upstreamStatus() == 529 || upstream.upstreamStatus() == 503)) {
            return 529;
        }
        if (error instanceof GatewayException.RateLimited limited && !limited.retryable()) {
            return 402;
        }
        return error.status();
    }

    /** Anthropic's error {@code type} for a status. */
    public static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /** The error body; {@code requestId} may be null. */
    public static ObjectNode write(GatewayException error, String requestId) {
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", type(status(error))).put("message", ErrorText.message(error.getMessage()));
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        return body;
    }
}
