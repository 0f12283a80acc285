package dev.gatehouse.provider.bfl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.RetryAfter;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Redaction;
import java.io.IOException;
import java.time.Clock;

/**
 * BFL's failures as Gatehouse's error kinds: HTTP statuses as BFL documents them
 * (docs.bfl.ai/api_integration/errors: 400, 402 insufficient credits, 403, 422 validation, 429,
 * 500, 503), and the terminal task statuses of a poll ({@code Error}, {@code Request Moderated},
 * {@code Content Moderated}, {@code Task not found}).
 */
final class BflErrors {

    private BflErrors() {}

    /** The mapping of a refused call, for {@link UpstreamCalls}. */
    static UpstreamCalls.Errors of(Clock clock) {
        return (response, body) -> fromHttp(response.status(), body, response.header("retry-after").orElse(null), clock);
    }

    static GatewayException fromHttp(int status, String body, String retryAfter, Clock clock) {
        String said = detail(body);
        return switch (status) {
            case 400, 422 -> new GatewayException.BadRequest("BFL refused the request" + said, null, null, body);
            case 401 -> new GatewayException.Authentication("BFL refused the deployment's key", body);
            case 402 -> new GatewayException.RateLimited("BFL reports the account has insufficient credits" + said,
                    null, true, body);
            case 403 -> new GatewayException.PermissionDenied("BFL does not allow this request" + said, body);
            case 404 -> new GatewayException.NotFound("BFL does not know the model or path" + said, "model",
                    "model_not_found", body);
            case 429 -> new GatewayException.RateLimited("BFL is rate limiting requests" + said,
                    RetryAfter.parseHeader(retryAfter, clock), false, body);
            default -> new GatewayException.UpstreamServerError("BFL failed with status " + status + said, status, body);
        };
    }

    /** The failure a terminal, unsuccessful task status stands for. */
    static GatewayException fromStatus(String status, String body) {
        return switch (status) {
            case "Request Moderated" -> new GatewayException.ContentFiltered("BFL's moderation refused the prompt or "
                    + "input image (Request Moderated).", body);
            case "Content Moderated" -> new GatewayException.ContentFiltered("BFL's moderation withheld the generated "
                    + "image (Content Moderated).", body);
            case "Task not found" -> new GatewayException.UpstreamServerError("BFL no longer knows the task (Task not "
                    + "found): it expired or was never created.", 0, body);
            case "Error" -> new GatewayException.UpstreamServerError("BFL failed to generate the image (Error).", 0,
                    body);
            default -> new GatewayException.UpstreamServerError("BFL reported an unknown task status '"
                    + Redaction.redact(status) + "'.", 0, body);
        };
    }

    /** BFL's {@code detail} (a message, or FastAPI's list of validation problems), as ": …", or "". */
    private static String detail(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            JsonNode detail = node == null ? null : node.get("detail");
            if (detail == null) {
                return "";
            }
            String text = detail.isTextual() ? detail.asText() : Json.text(detail);
            return ": " + Redaction.redact(text.length() > 500 ? text.substring(0, 500) + "…" : text);
        } catch (IOException e) {
            return "";
        }
    }
}
