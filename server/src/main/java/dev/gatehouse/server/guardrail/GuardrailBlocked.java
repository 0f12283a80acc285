package dev.gatehouse.server.guardrail;

import dev.gatehouse.api.GatewayException;
import java.util.Collection;
import java.util.LinkedHashSet;

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

    /**
     * A streamed answer cut because its text held what looks like a secret of these kinds: the
     * stream's error event (or, when it trips before anything was written, the error answer).
     * Worded like the request's block, naming the kinds and never the text.
     */
    public static GuardrailBlocked answerCut(Collection<String> kinds) {
        return new GuardrailBlocked("secret_detected", "The answer was cut by a guardrail: it holds what looks like a"
                + " secret (" + String.join(", ", new LinkedHashSet<>(kinds)) + "). Nothing of it was sent.");
    }

    @Override public int status() { return 400; }
    @Override public String type() { return "invalid_request_error"; }
    @Override public String code() { return code; }
}
