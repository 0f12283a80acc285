package dev.gatehouse.server.guardrail.webhook;

/**
 * What a failed webhook call means. Failing open keeps traffic flowing when the guardrail
 * service is down (it then guards nothing); failing closed refuses every request it could not
 * check (safe, but the service's outage becomes Gatehouse's). Teams choose per policy; closed is
 * the default because a guardrail that silently stops guarding is the worse surprise.
 */
public enum FailurePolicy {
    OPEN,
    CLOSED;

    /** The reason a request is refused with when the webhook failed and the policy is closed. */
    public static final String UNAVAILABLE_REASON = "the guardrail service could not be reached";

    /** The decision an outcome stands for: {@link Outcome.Failed} becomes an allow or a block, the rest stays. */
    public Outcome settle(Outcome outcome) {
        if (outcome instanceof Outcome.Failed) {
            return this == OPEN ? new Outcome.Allow() : new Outcome.Block(UNAVAILABLE_REASON);
        }
        return outcome;
    }
}
