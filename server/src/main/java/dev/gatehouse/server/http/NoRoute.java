package dev.gatehouse.server.http;

import dev.gatehouse.api.GatewayException;

/** No route for this path (404), or not with this method (405), on the API's listener or the admin API's. */
public final class NoRoute extends GatewayException.PolicyViolation {

    private final int status;

    public NoRoute(int status, String message) {
        super(message, null);
        this.status = status;
    }

    @Override public int status() { return status; }
    @Override public String type() { return "invalid_request_error"; }
    @Override public String code() { return status == 405 ? "method_not_allowed" : "unknown_url"; }
}
