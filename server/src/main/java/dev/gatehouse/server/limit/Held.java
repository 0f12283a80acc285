package dev.gatehouse.server.limit;

import java.util.List;

/**
 * What a store holds for one admitted request until it settles, and where.
 *
 * @param store   the store that took it (a request admitted while Redis was down settles in memory)
 * @param lease   the request's lease name, unique across instances
 * @param pools   its pool takes as the store took them (budgets with their seeds)
 * @param windows its window takes
 * @param window  the minute the windows were counted in (epoch minutes)
 */
record Held(LimitStore store, String lease, List<PoolTake> pools, List<WindowTake> windows, long window) {}
