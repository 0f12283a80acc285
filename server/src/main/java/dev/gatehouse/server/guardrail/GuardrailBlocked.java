package dev.gatehouse.server.guardrail;

import dev.gatehouse.api.GatewayException;

/**
 * A request a guardrail refused: a 400 in the route's own error format, whose code says which
 * check refused it and whose message names the kinds found and where, never the text.
 */
public final class GuardrailBlocked extends GatewayException.PolicyViolation {

    private final String code;

    GuardrailBlocked(String code, String message) {
        super(message, null);
        this.code = code;
    }

    @Override public int status() { return 400; }
    @Override public String type() { return "invalid_request_error"; }
    @Override public String code() { return code; }
}
