package dev.gatehouse.server.limit;

/**
 * What a store answered to a take.
 *
 * @param result        what happened
 * @param index         the pool or window that refused, or that needs a seed (0-based); -1 when admitted
 * @param window        the minute window the windows were counted in (epoch minutes)
 * @param resetMillis   milliseconds until that window ends
 * @param windowCounts  each window's count: after the take when admitted, before it when refused
 * @param poolUsed      each pool's spent plus held, after the take when admitted (0 for pools not reached)
 */
record Outcome(Result result, int index, long window, long resetMillis, long[] windowCounts, long[] poolUsed) {

    enum Result { ADMITTED, POOL_FULL, WINDOW_FULL, NEEDS_SEED }
}
