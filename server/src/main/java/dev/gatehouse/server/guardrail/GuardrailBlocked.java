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

    /**
     * A block by an external guardrail service (or by its failure policy, closed): code
     * {@code guardrail_blocked}, with the service's reason, which the service writes for the
     * caller (docs/guardrails.md, "The answer"; the webhook client cuts it at 500 characters).
     *
     * @param answer whether it was the answer that was refused (the request had gone through)
     */
    public static GuardrailBlocked byService(String reason, boolean answer) {
        String what = answer ? "The answer was withheld by a guardrail" : "The request was refused by a guardrail";
        return new GuardrailBlocked("guardrail_blocked", reason.isBlank() ? what + "." : what + ": " + reason);
    }

    @Override public int status() { return 400; }
    @Override public String type() { return "invalid_request_error"; }
    @Override public String code() { return code; }
}
