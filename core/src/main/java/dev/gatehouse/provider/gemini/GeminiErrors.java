package dev.gatehouse.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.http.RetryAfter;
import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Redaction;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place where Gemini's failures become Gatehouse's error kinds. Gemini answers errors
 * with a {@code google.rpc.Status} body, {@code {"error":{"code","message","status","details"}}}
 * (a stream without {@code alt=sse} wraps it in an array; both are read), over HTTP or as an
 * event inside a 200 stream.
 */
final class GeminiErrors {

    /**
     * Gemini's wording for a prompt longer than the context window, as the API returns it:
     * "The input token count (N) exceeds the maximum number of tokens allowed (M)."
     */
    private static final Pattern CONTEXT_LENGTH =
            Pattern.compile("(?i)input token count.*exceeds the maximum number of tokens");

    /** Messages Gemini gives when the key itself is refused (invalid, expired, leaked, absent). */
    private static final Pattern KEY_PROBLEM = Pattern.compile("(?i)api key|unregistered callers");

    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
    private static final String QUOTA_FAILURE = "type.googleapis.com/google.rpc.QuotaFailure";
    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

    private GeminiErrors() {}

    /** The mapping of a refused call, for {@link UpstreamCalls}. */
    static final UpstreamCalls.Errors ERRORS = (response, body) -> fromHttp(response.status(), body,
            response.header("retry-after").orElse(null));

    /**
     * The error for an HTTP status and the body that came with it; {@code retryAfterHeader}
     * (may be null) is the fallback retry hint when the body carries no {@code RetryInfo}.
     */
    static GatewayException fromHttp(int status, String body, String retryAfterHeader) {
        JsonNode error = errorObject(body);
        String rpcStatus = Json.textOrNull(error, "status");
        String upstreamMessage = Json.textOrNull(error, "message");
        String said = upstreamMessage == null
                ? "HTTP " + status + (rpcStatus == null ? "" : " " + rpcStatus)
                : Redaction.redact(upstreamMessage);
        String message = "Gemini: " + said;
        JsonNode details = error.path("details");

        if (status == 401 || ((status == 400 || status == 403) && isKeyProblem(upstreamMessage, details))) {
            return new GatewayException.Authentication("Gemini refused the deployment's API key: " + said, body);
        }
        if (status == 400 && upstreamMessage != null && CONTEXT_LENGTH.matcher(upstreamMessage).find()) {
            return new GatewayException.ContextLengthExceeded(message, body);
        }
        return switch (status) {
            case 403 -> new GatewayException.PermissionDenied(message, body);
            case 404 -> new GatewayException.NotFound(message, "model", "model_not_found", body);
            case 429 -> new GatewayException.RateLimited(message, retryDelay(details, retryAfterHeader),
                    dailyQuota(details), body);
            default -> status >= 500
                    ? new GatewayException.UpstreamServerError(message, status, body)
                    : new GatewayException.BadRequest(message, null, codeOf(rpcStatus), body);
        };
    }

    /** The error for a {@code google.rpc.Status} object that arrived as an event inside a 200 stream. */
    static GatewayException fromStreamEvent(JsonNode event, String rawEvent) {
        JsonNode error = event.path("error");
        int code = error.path("code").asInt(0);
        if (code < 400) {
            // No usable code: the stream failed on the upstream's side.
            code = 500;
        }
        return fromHttp(code, rawEvent, null);
    }

    /** Whether a stream event (or body) is an error object rather than a response. */
    static boolean isError(JsonNode event) {
        return event.has("error") && event.get("error").isObject();
    }

    private static JsonNode errorObject(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node != null && node.isArray() && !node.isEmpty()) {
                node = node.get(0);
            }
            return node == null ? MissingNode.getInstance() : node.path("error");
        } catch (JsonProcessingException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static boolean isKeyProblem(String message, JsonNode details) {
        for (JsonNode detail : details) {
            if (ERROR_INFO.equals(Json.textOrNull(detail, "@type"))) {
                String reason = Json.textOrNull(detail, "reason");
                if (reason != null && reason.startsWith("API_KEY_")) {
                    return true;
                }
            }
        }
        return message != null && KEY_PROBLEM.matcher(message).find();
    }

    /** {@code RetryInfo.retryDelay} ("7s"), else the {@code retry-after} header, else none. */
    private static Duration retryDelay(JsonNode details, String retryAfterHeader) {
        for (JsonNode detail : details) {
            if (RETRY_INFO.equals(Json.textOrNull(detail, "@type"))) {
                Duration delay = RetryAfter.parseSeconds(Json.textOrNull(detail, "retryDelay"));
                if (delay != null) {
                    return delay;
                }
            }
        }
        return RetryAfter.parseHeader(retryAfterHeader, Clock.systemUTC());
    }

    /**
     * Whether the 429 names a per-day quota ({@code QuotaFailure.violations[].quotaId} containing
     * "PerDay"): waiting seconds will not help, so it is reported as an exhausted quota.
     */
    private static boolean dailyQuota(JsonNode details) {
        for (JsonNode detail : details) {
            if (QUOTA_FAILURE.equals(Json.textOrNull(detail, "@type"))) {
                for (JsonNode violation : detail.path("violations")) {
                    String quotaId = Json.textOrNull(violation, "quotaId");
                    if (quotaId != null && quotaId.contains("PerDay")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String codeOf(String rpcStatus) {
        return rpcStatus == null ? null : rpcStatus.toLowerCase(Locale.ROOT);
    }
}
