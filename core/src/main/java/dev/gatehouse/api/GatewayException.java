package dev.gatehouse.api;

import dev.gatehouse.secret.Redaction;
import java.time.Duration;
import java.util.Optional;

/**
 * Every failure Gatehouse reports, as a closed set of kinds. Each kind knows the HTTP status
 * and the OpenAI error {@code type} and {@code code} it reaches the caller with, and whether
 * trying again may help.
 *
 * <p>An upstream's error body is kept for logs in {@link #upstreamBody()}, already redacted
 * and cut short; it is never part of {@link #getMessage()}, which callers see.
 */
public abstract sealed class GatewayException extends RuntimeException {

    private static final int MAX_UPSTREAM_BODY = 2048;

    private final String param;
    private final String upstreamBody;

    private GatewayException(String message, String param, String upstreamBody, Throwable cause) {
        super(message, cause);
        this.param = param;
        this.upstreamBody = upstreamBody == null ? null : Redaction.redact(truncate(upstreamBody));
    }

    /** The HTTP status the caller receives. */
    public abstract int status();

    /** OpenAI's error {@code type}. */
    public abstract String type();

    /** OpenAI's error {@code code}, or null. */
    public String code() {
        return null;
    }

    /** Whether the same request may succeed if tried again (on this or another deployment). */
    public boolean retryable() {
        return false;
    }

    /**
     * Whether the upstream may bill the attempt that ended in this failure: it had accepted the
     * request (a 5xx or an error inside its answer, a timeout waiting for its answer, a connection
     * broken after the request was sent). False for refusals (4xx), which providers do not bill,
     * and for failures before the request left (no connection, the egress policy).
     */
    public boolean upstreamMayBill() {
        return false;
    }

    /** How long the upstream asked to wait before trying again, if it said (a 429's retry-after). */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** The request field at fault, as OpenAI's {@code param} names it, or null. */
    public String param() {
        return param;
    }

    /** The upstream's error body, redacted and truncated, for logs only. */
    public Optional<String> upstreamBody() {
        return Optional.ofNullable(upstreamBody);
    }

    private static String truncate(String body) {
        return body.length() <= MAX_UPSTREAM_BODY ? body : body.substring(0, MAX_UPSTREAM_BODY) + "…";
    }

    /** The request is malformed or asks for something the model or provider can not do. */
    public static final class BadRequest extends GatewayException {
        private final String code;

        public BadRequest(String message, String param) {
            this(message, param, null, null);
        }

        public BadRequest(String message, String param, String code, String upstreamBody) {
            super(message, param, upstreamBody, null);
            this.code = code;
        }

        @Override public int status() { return 400; }
        @Override public String type() { return "invalid_request_error"; }
        @Override public String code() { return code; }
    }

    /** A credential was refused: the caller's key, or the provider key of a deployment. */
    public static final class Authentication extends GatewayException {
        public Authentication(String message, String upstreamBody) {
            super(message, null, upstreamBody, null);
        }

        @Override public int status() { return 401; }
        @Override public String type() { return "authentication_error"; }
        @Override public String code() { return "invalid_api_key"; }
    }

    /** The credential is valid but not allowed to do this. */
    public static final class PermissionDenied extends GatewayException {
        public PermissionDenied(String message, String upstreamBody) {
            super(message, null, upstreamBody, null);
        }

        @Override public int status() { return 403; }
        @Override public String type() { return "permission_error"; }
    }

    /** The model (or another named resource) does not exist. */
    public static final class NotFound extends GatewayException {
        private final String code;

        public NotFound(String message, String param, String code, String upstreamBody) {
            super(message, param, upstreamBody, null);
            this.code = code;
        }

        /** The caller named a model this gateway does not serve (to this caller). */
        public static NotFound model(String model) {
            return new NotFound("The model '" + model + "' does not exist or you do not have access to it.",
                    "model", "model_not_found", null);
        }

        @Override public int status() { return 404; }
        @Override public String type() { return "not_found_error"; }
        @Override public String code() { return code; }
    }

    /** Too many requests or tokens; {@code retryAfter} is the upstream's hint, if it gave one. */
    public static final class RateLimited extends GatewayException {
        private final Duration retryAfter;
        private final boolean quotaExhausted;

        public RateLimited(String message, Duration retryAfter, boolean quotaExhausted, String upstreamBody) {
            super(message, null, upstreamBody, null);
            this.retryAfter = retryAfter;
            this.quotaExhausted = quotaExhausted;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        @Override public int status() { return 429; }
        @Override public String type() { return quotaExhausted ? "insufficient_quota" : "rate_limit_error"; }
        @Override public String code() { return quotaExhausted ? "insufficient_quota" : "rate_limit_exceeded"; }
        /** A billing quota does not come back by waiting; a rate limit does. */
        @Override public boolean retryable() { return !quotaExhausted; }
    }

    /** The prompt and the requested output do not fit the model's context window. */
    public static final class ContextLengthExceeded extends GatewayException {
        public ContextLengthExceeded(String message, String upstreamBody) {
            super(message, "messages", upstreamBody, null);
        }

        @Override public int status() { return 400; }
        @Override public String type() { return "invalid_request_error"; }
        @Override public String code() { return "context_length_exceeded"; }
    }

    /** The provider's safety system refused the prompt. */
    public static final class ContentFiltered extends GatewayException {
        public ContentFiltered(String message, String upstreamBody) {
            super(message, null, upstreamBody, null);
        }

        @Override public int status() { return 400; }
        @Override public String type() { return "invalid_request_error"; }
        @Override public String code() { return "content_filter"; }
    }

    /**
     * The upstream failed (5xx, an overload, an error event inside a stream, a response that
     * can not be understood). {@code upstreamStatus} is 0 when there was no HTTP status.
     */
    public static final class UpstreamServerError extends GatewayException {
        private final int upstreamStatus;

        public UpstreamServerError(String message, int upstreamStatus, String upstreamBody) {
            super(message, null, upstreamBody, null);
            this.upstreamStatus = upstreamStatus;
        }

        public int upstreamStatus() {
            return upstreamStatus;
        }

        /** 500, 502, 503 and 504 pass through; overloads (529) become 503; anything else 502. */
        @Override public int status() {
            return switch (upstreamStatus) {
                case 500, 502, 503, 504 -> upstreamStatus;
                case 529 -> 503;
                default -> 502;
            };
        }

        @Override public String type() { return "api_error"; }
        @Override public String code() { return "upstream_error"; }
        @Override public boolean retryable() { return true; }
        /** The upstream answered, so it had the request. */
        @Override public boolean upstreamMayBill() { return true; }
    }

    /** The upstream did not answer in time. */
    public static final class UpstreamTimeout extends GatewayException {
        private final boolean requestSent;

        /** A timeout waiting for an answer to a request that was sent. */
        public UpstreamTimeout(String message, Throwable cause) {
            this(message, cause, true);
        }

        /** @param requestSent false when the time ran out before the request was sent (connecting) */
        public UpstreamTimeout(String message, Throwable cause, boolean requestSent) {
            super(message, null, null, cause);
            this.requestSent = requestSent;
        }

        @Override public boolean upstreamMayBill() { return requestSent; }

        @Override public int status() { return 504; }
        @Override public String type() { return "api_error"; }
        @Override public String code() { return "upstream_timeout"; }
        @Override public boolean retryable() { return true; }
    }

    /** The upstream could not be reached, or the connection broke. */
    public static final class TransportFailure extends GatewayException {
        private final boolean requestSent;

        /** A connection that broke after the request was sent (mid-answer, or while waiting for it). */
        public TransportFailure(String message, Throwable cause) {
            this(message, cause, true);
        }

        /** @param requestSent false when the request never left: no connection could be made, or it was not allowed */
        public TransportFailure(String message, Throwable cause, boolean requestSent) {
            super(message, null, null, cause);
            this.requestSent = requestSent;
        }

        @Override public boolean upstreamMayBill() { return requestSent; }

        @Override public int status() { return 502; }
        @Override public String type() { return "api_error"; }
        @Override public String code() { return "upstream_unreachable"; }
        @Override public boolean retryable() { return true; }
    }

    /**
     * A refusal by the gateway's own policy (a key's scope, a budget, a rate limit). Open for
     * the server to extend with its own kinds.
     */
    public abstract static non-sealed class PolicyViolation extends GatewayException {
        protected PolicyViolation(String message, String param) {
            super(message, param, null, null);
        }
    }
}
