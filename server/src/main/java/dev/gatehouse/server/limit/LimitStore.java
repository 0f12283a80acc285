package dev.gatehouse.server.limit;

import java.util.List;

/**
 * Where counters live: this instance's memory ({@link LocalLimitStore}) or the shared Redis
 * ({@link RedisLimitStore}). Both give the same answers; every take checks all its pools and
 * windows and takes from all of them or from none, atomically.
 */
interface LimitStore {

    /**
     * Takes {@code pools} and {@code windows} under {@code lease}, or nothing. A budget pool the
     * store has no spent sum for, and whose seed is null, answers {@link Outcome.Result#NEEDS_SEED}.
     */
    Outcome take(String lease, List<PoolTake> pools, List<WindowTake> windows);

    /**
     * Ends {@code lease}: its holds leave every pool, each budget pool's spent sum grows by
     * {@code spent[i]} (nano-dollars), and each window of the minute {@code window} changes by
     * {@code windowDelta[i]} (a token estimate corrected to the real count).
     *
     * @return per pool, true when this settle took its spent sum to the soft limit first in its period
     */
    boolean[] settle(String lease, List<PoolTake> pools, long[] spent, List<WindowTake> windows, long window,
            long[] windowDelta);
}
