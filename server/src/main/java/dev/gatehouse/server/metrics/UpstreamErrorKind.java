package dev.gatehouse.server.metrics;

import dev.gatehouse.api.GatewayException;

/**
 * The fixed word an upstream failure is counted under, and its status class: a label from
 * Gatehouse's own error types, never from the upstream's text.
 */
final class UpstreamErrorKind {

    private UpstreamErrorKind() {}

    static String of(GatewayException error) {
        return switch (error) {
            case GatewayException.RateLimited e -> "rate_limited";
            case GatewayException.UpstreamServerError e -> "server_error";
            case GatewayException.UpstreamTimeout e -> "timeout";
            case GatewayException.TransportFailure e -> "transport";
            case GatewayException.Authentication e -> "authentication";
            case GatewayException.PermissionDenied e -> "permission";
            case GatewayException.NotFound e -> "not_found";
            case GatewayException.ContextLengthExceeded e -> "context_length";
            case GatewayException.ContentFiltered e -> "content_filtered";
            case GatewayException.BadRequest e -> "bad_request";
            case GatewayException.PolicyViolation e -> "policy";
        };
    }

    /** {@code 4xx} or {@code 5xx}, from the status the failure is answered with. */
    static String statusClass(GatewayException error) {
        return switch (error.status() / 100) {
            case 4 -> "4xx";
            case 5 -> "5xx";
            default -> "other";
        };
    }
}
