package dev.gatehouse.provider.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.aws.AwsErrorTypes;
import dev.gatehouse.http.RetryAfter;
import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Redaction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * SageMaker Runtime's errors as {@link GatewayException}s. A failed response names its type in
 * the {@code x-amzn-ErrorType} header ({@code ModelError:http://…}) and carries
 * {@code {"Message":…}}; InvokeEndpoint's own errors and their statuses are listed in
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html#API_runtime_InvokeEndpoint_Errors:
 *
 * <ul>
 *   <li>ValidationError (400) → 400; an endpoint that does not exist is a ValidationError whose
 *       message says "not found" → 404;</li>
 *   <li>ModelError (424): the container refused or failed, with its own status in
 *       {@code OriginalStatusCode} and message in {@code OriginalMessage}
 *       (https://docs.aws.amazon.com/botocore/latest/reference/services/sagemaker-runtime/client/exceptions/ModelError.html):
 *       a 4xx → 400, or a context-length error when the message says the prompt is too long
 *       (TGI: "inputs tokens + max_new_tokens must be &lt;= …", vLLM: "maximum context length");
 *       a 429 → 429; anything else → 502;</li>
 *   <li>ModelNotReadyException (429) and AWS's ThrottlingException → 429, retryable;</li>
 *   <li>InternalFailure (500) → 500; ServiceUnavailable (503) → 503; InternalDependencyException (530) → 502;</li>
 *   <li>AWS's signature and token errors (UnrecognizedClientException, InvalidSignatureException,
 *       ExpiredTokenException, …) → 401; AccessDeniedException → 403.</li>
 * </ul>
 *
 * In a stream, {@code ModelStreamError} (the model timed out or its connection broke) and
 * {@code InternalStreamFailure} are upstream failures (502), retryable.
 */
final class SageMakerErrors {

    private static final List<String> CONTEXT_OVERFLOW = List.of("maximum context length", "context length",
            "context window", "input is too long", "prompt is too long", "too many input tokens");

    private SageMakerErrors() {}

    /** A failed response: its status, error-type header (may be null), Retry-After (may be null) and body. */
    static GatewayException fromResponse(int status, String errorTypeHeader, String retryAfter, String body) {
        JsonNode json = parse(body);
        String type = errorTypeHeader != null ? errorTypeHeader : Json.textOrNull(json, "__type");
        Duration wait = retryAfter == null ? null : RetryAfter.parseHeader(retryAfter, Clock.systemUTC());
        return map(status, AwsErrorTypes.shortName(type), json, wait, body);
    }

    /** An exception message inside a stream: its type and payload (JSON, or the message itself). */
    static GatewayException fromStreamException(String exceptionType, String payload) {
        JsonNode json = parse(payload);
        String message = json != null ? message(json) : payload;
        String detail = message == null ? "" : ": " + Redaction.redact(message);
        String kind = AwsErrorTypes.shortName(exceptionType);
        return new GatewayException.UpstreamServerError("SageMaker's stream failed"
                + (kind == null ? "" : " (" + kind + ")") + detail, 0, payload);
    }

    private static GatewayException map(int status, String type, JsonNode json, Duration retryAfter, String body) {
        String upstreamMessage = message(json);
        String detail = upstreamMessage == null ? "" : ": " + Redaction.redact(upstreamMessage);
        String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "validationerror", "validationexception" -> contains(upstreamMessage, "not found")
                    ? new GatewayException.NotFound("SageMaker does not know this endpoint" + detail, "model",
                            "model_not_found", body)
                    : new GatewayException.BadRequest("SageMaker refused the request" + detail, null, null, body);
            case "modelerror" -> modelError(json, detail, retryAfter, body);
            case "modelnotreadyexception" -> new GatewayException.RateLimited(
                    "the SageMaker endpoint's model is not ready yet" + detail, retryAfter, false, body);
            case "throttlingexception" -> new GatewayException.RateLimited(
                    "SageMaker is throttling requests" + detail, retryAfter, false, body);
            case "accessdeniedexception" -> new GatewayException.PermissionDenied(
                    "the deployment's AWS credentials may not invoke this endpoint" + detail, body);
            case "unrecognizedclientexception", "invalidsignatureexception", "incompletesignatureexception",
                    "expiredtokenexception", "invalidclienttokenid", "signaturedoesnotmatch",
                    "missingauthenticationtokenexception", "missingauthenticationtoken" ->
                    new GatewayException.Authentication("AWS refused the deployment's credentials", body);
            case "internalfailure" -> new GatewayException.UpstreamServerError("SageMaker had an internal error", 500, body);
            case "serviceunavailable" -> new GatewayException.UpstreamServerError("SageMaker is unavailable", 503, body);
            case "internaldependencyexception" -> new GatewayException.UpstreamServerError(
                    "SageMaker failed in one of its dependencies" + detail, 530, body);
            default -> byStatus(status, detail, retryAfter, body);
        };
    }

    /** The container's own failure, by the status it answered SageMaker with. */
    private static GatewayException modelError(JsonNode json, String detail, Duration retryAfter, String body) {
        Integer original = Json.intOrNull(json, "OriginalStatusCode");
        String originalMessage = Json.textOrNull(json, "OriginalMessage");
        String text = originalMessage != null ? originalMessage : message(json);
        if (original != null && original == 429) {
            return new GatewayException.RateLimited("the SageMaker endpoint's model is busy" + detail, retryAfter, false,
                    body);
        }
        if (original != null && original >= 400 && original < 500) {
            return isContextOverflow(text)
                    ? new GatewayException.ContextLengthExceeded(
                            "the prompt does not fit the model's context window" + detail, body)
                    : new GatewayException.BadRequest("the model on SageMaker refused the request" + detail, null,
                            null, body);
        }
        return new GatewayException.UpstreamServerError("the model on SageMaker failed" + detail, 424, body);
    }

    private static GatewayException byStatus(int status, String detail, Duration retryAfter, String body) {
        return switch (status) {
            case 400 -> new GatewayException.BadRequest("SageMaker refused the request" + detail, null, null, body);
            case 401 -> new GatewayException.Authentication("AWS refused the deployment's credentials", body);
            case 403 -> new GatewayException.PermissionDenied("SageMaker does not allow this request" + detail, body);
            case 404 -> new GatewayException.NotFound("SageMaker does not know this endpoint or path" + detail, "model",
                    "model_not_found", body);
            case 429 -> new GatewayException.RateLimited("SageMaker is throttling requests" + detail, retryAfter, false,
                    body);
            default -> status >= 400 && status < 500
                    ? new GatewayException.BadRequest("SageMaker refused the request with status " + status + detail,
                            null, null, body)
                    : new GatewayException.UpstreamServerError("SageMaker failed with status " + status + detail, status,
                            body);
        };
    }

    private static boolean isContextOverflow(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        // TGI's validation: "`inputs` tokens + `max_new_tokens` must be <= 4096. Given: …".
        return CONTEXT_OVERFLOW.stream().anyMatch(lower::contains)
                || lower.contains("tokens") && lower.contains("must be <=");
    }

    private static boolean contains(String message, String phrase) {
        return message != null && message.toLowerCase(Locale.ROOT).contains(phrase);
    }

    /** AWS writes {@code Message}; some front ends write {@code message}. */
    private static String message(JsonNode json) {
        String message = Json.textOrNull(json, "Message");
        return message != null ? message : Json.textOrNull(json, "message");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null; // a proxy's HTML page: the status decides
        }
    }
}
