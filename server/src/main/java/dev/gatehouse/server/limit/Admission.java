package dev.gatehouse.server.limit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A request let through: what it holds in its store until {@link #settle}, and the rate-limit
 * headers its response carries. {@link #NONE} is the admission of a key without limits.
 */
public final class Admission {

    public static final Admission NONE = new Admission(null, null, "", List.of(), List.of(), 0, 0, 0, Map.of());

    private final Limiter limiter;
    private final LimitStore store;
    private final String lease;
    private final List<PoolTake> pools;
    private final List<WindowTake> windows;
    private final long window;
    private final long reservedNanos;
    private final long estimatedTokens;
    private final Map<String, String> headers;
    private boolean settled;

    Admission(Limiter limiter, LimitStore store, String lease, List<PoolTake> pools, List<WindowTake> windows,
            long window, long reservedNanos, long estimatedTokens, Map<String, String> headers) {
        this.limiter = limiter;
        this.store = store;
        this.lease = lease;
        this.pools = pools;
        this.windows = windows;
        this.window = window;
        this.reservedNanos = reservedNanos;
        this.estimatedTokens = estimatedTokens;
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
        long charged = cost != null ? Limiter.nanos(cost) : spentSomething ? reservedNanos : 0;
        long delta = tokens != null ? tokens - estimatedTokens : spentSomething ? 0 : -estimatedTokens;
        limiter.settle(this, store, lease, pools, windows, window, charged, delta);
    }
}
