package dev.gatehouse.server.limit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A request let through: what it holds in its store until {@link #settle}, and the rate-limit
 * headers its response carries. {@link #NONE} is the admission of a key without limits.
 */
public final class Admission {

    public static final Admission NONE = new Admission(null, new AdmissionPlan(List.of(), List.of(), 0, 0), null,
            Map.of());

    private final Limiter limiter;
    private final AdmissionPlan plan;
    private final Held held;
    private final Map<String, String> headers;
    private boolean settled;

    Admission(Limiter limiter, AdmissionPlan plan, Held held, Map<String, String> headers) {
        this.limiter = limiter;
        this.plan = plan;
        this.held = held;
        this.headers = headers;
    }

    /** The {@code x-ratelimit-*} headers for the response (empty for a key without rate limits). */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * Ends the request's holds and charges what it really cost, once.
     *
     * @param cost   the real cost from the reported usage; null when unknown
     * @param tokens the real input plus output tokens; null when unknown
     * @param spentSomething false when the upstream answered with an error and reported nothing:
     *               an unknown cost is then nothing; otherwise an unknown cost is the reservation
     */
    public void settle(BigDecimal cost, Long tokens, boolean spentSomething) {
        if (settled || limiter == null) {
            return;
        }
        settled = true;
        long charged = cost != null ? Dollars.nanos(cost) : spentSomething ? plan.reserve() : 0;
        long delta = tokens != null ? tokens - plan.tokens() : spentSomething ? 0 : -plan.tokens();
        limiter.settle(plan, held, charged, delta);
    }
}
