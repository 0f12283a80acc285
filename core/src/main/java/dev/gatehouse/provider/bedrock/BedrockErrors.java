package dev.gatehouse.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.aws.AwsErrorTypes;
import dev.gatehouse.http.RetryAfter;
import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Redaction;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Bedrock's errors as {@link GatewayException}s. A failed response carries its type in the
 * {@code x-amzn-ErrorType} header ({@code ValidationException:http://…}; AWS's JSON protocols
 * also put it in the body's {@code __type}) and a {@code {"message":…}} body; a stream carries
 * an exception message whose {@code :exception-type} is the same name in lower camel case. The
 * types and statuses follow
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors
 * and API_runtime_ConverseStreamOutput.html:
 *
 * <ul>
 *   <li>ValidationException (400) → 400, or a context-length error when the message says the
 *       input is too long (the phrases LiteLLM's exception mapping matches for Bedrock);</li>
 *   <li>AccessDeniedException (403) → 403; AWS's signature and token errors
 *       (UnrecognizedClientException, InvalidSignatureException, ExpiredTokenException, …) → 401;</li>
 *   <li>ResourceNotFoundException (404) → 404;</li>
 *   <li>ThrottlingException and ModelNotReadyException (429) → 429, retryable, with a
 *       {@code Retry-After} header if one came; ServiceQuotaExceededException → 429, quota used up;</li>
 *   <li>ModelTimeoutException (408) → 504; ModelErrorException and modelStreamErrorException
 *       (424) → 502; InternalServerException (500) → 500; ServiceUnavailableException (503) → 503.</li>
 * </ul>
 */
final class BedrockErrors {

    private static final List<String> CONTEXT_OVERFLOW = List.of("input is too long", "prompt is too long",
            "too many input tokens", "context window", "context length");

    private BedrockErrors() {}

    /** A failed response: its status, error-type header (may be null), Retry-After (may be null) and body. */
    static GatewayException fromResponse(int status, String errorTypeHeader, String retryAfter, String body,
            Clock clock) {
        JsonNode json = parse(body);
        String type = errorTypeHeader != null ? errorTypeHeader : Json.textOrNull(json, "__type");
        return map(status, AwsErrorTypes.shortName(type), message(json), retryAfter == null ? null
                : RetryAfter.parseHeader(retryAfter, clock), body);
    }

    /** An exception message inside a stream: its {@code :exception-type} and payload. */
    static GatewayException fromStreamException(String exceptionType, String payload) {
        return map(0, AwsErrorTypes.shortName(exceptionType), message(parse(payload)), null, payload);
    }

    private static GatewayException map(int status, String type, String upstreamMessage, java.time.Duration retryAfter,
            String body) {
        String detail = upstreamMessage == null ? "" : ": " + Redaction.redact(upstreamMessage);
        String kind = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "validationexception" -> isContextOverflow(upstreamMessage)
                    ? new GatewayException.ContextLengthExceeded(
                            "the prompt does not fit the model's context window" + detail, body)
                    : new GatewayException.BadRequest("Bedrock refused the request" + detail, null, null, body);
            case "accessdeniedexception" -> new GatewayException.PermissionDenied(
                    "the deployment's AWS credentials may not do this" + detail, body);
            case "unrecognizedclientexception", "invalidsignatureexception", "incompletesignatureexception",
                    "expiredtokenexception", "invalidclienttokenid", "signaturedoesnotmatch", "missingauthenticationtoken" ->
                    new GatewayException.Authentication("AWS refused the deployment's credentials", body);
            case "resourcenotfoundexception" -> new GatewayException.NotFound(
                    "Bedrock does not know this model or resource" + detail, "model", "model_not_found", body);
            case "throttlingexception", "modelnotreadyexception" -> new GatewayException.RateLimited(
                    "Bedrock is throttling requests" + detail, retryAfter, false, body);
            case "servicequotaexceededexception" -> new GatewayException.RateLimited(
                    "the deployment's AWS account has reached a Bedrock quota" + detail, null, true, body);
            case "modeltimeoutexception" -> new GatewayException.UpstreamTimeout(
                    "the model on Bedrock timed out" + detail, null);
            case "modelerrorexception", "modelstreamerrorexception" -> new GatewayException.UpstreamServerError(
                    "the model on Bedrock failed" + detail, 424, body);
            case "internalserverexception" -> new GatewayException.UpstreamServerError(
                    "Bedrock had an internal error", 500, body);
            case "serviceunavailableexception" -> new GatewayException.UpstreamServerError(
                    "Bedrock is unavailable", 503, body);
            default -> byStatus(status, detail, retryAfter, body);
        };
    }

    private static GatewayException byStatus(int status, String detail, java.time.Duration retryAfter, String body) {
        return switch (status) {
            case 400 -> new GatewayException.BadRequest("Bedrock refused the request" + detail, null, null, body);
            case 401 -> new GatewayException.Authentication("AWS refused the deployment's credentials", body);
            case 403 -> new GatewayException.PermissionDenied("Bedrock does not allow this request" + detail, body);
            case 404 -> new GatewayException.NotFound("Bedrock does not know this model or path" + detail, "model",
                    "model_not_found", body);
            case 429 -> new GatewayException.RateLimited("Bedrock is throttling requests" + detail, retryAfter, false, body);
            default -> status >= 400 && status < 500
                    ? new GatewayException.BadRequest("Bedrock refused the request with status " + status + detail,
                            null, null, body)
                    : new GatewayException.UpstreamServerError("Bedrock failed "
                            + (status == 0 ? "in the middle of the stream" : "with status " + status) + detail, status, body);
        };
    }

    private static boolean isContextOverflow(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return CONTEXT_OVERFLOW.stream().anyMatch(lower::contains);
    }

    private static String message(JsonNode json) {
        String message = Json.textOrNull(json, "message");
        return message != null ? message : Json.textOrNull(json, "Message");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException notJson) {
            return null; // a proxy's HTML page: the status decides
        }
    }
}
