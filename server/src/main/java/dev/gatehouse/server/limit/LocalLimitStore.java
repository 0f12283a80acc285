package dev.gatehouse.server.limit;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The counters of one instance, in memory, under one lock: every take and settle is a few map
 * operations, so a single lock is cheaper than anything finer. Used without Redis, and with
 * {@code on_failure: open} while Redis is down. Windows are the clock's minutes.
 */
final class LocalLimitStore implements LimitStore {

    private final Clock clock;
    private final Map<String, Map<String, Long>> held = new HashMap<>();
    private final Map<String, Long> spent = new HashMap<>();
    private final Map<String, Long> counts = new HashMap<>();
    private final Set<String> alerted = new HashSet<>();
    private long countsWindow = -1;

    LocalLimitStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Outcome take(String lease, List<PoolTake> pools, List<WindowTake> windows) {
        long now = clock.millis();
        long window = now / 60_000;
        if (window != countsWindow) {
            // Only the current minute is ever read or corrected; older counts go.
            counts.keySet().removeIf(name -> !name.endsWith(":" + window));
            countsWindow = window;
        }
        long reset = (window + 1) * 60_000 - now;
        long[] windowCounts = new long[windows.size()];
        for (int j = 0; j < windows.size(); j++) {
            windowCounts[j] = counts.getOrDefault(windows.get(j).name() + ":" + window, 0L);
        }
        long[] used = new long[pools.size()];
        for (int i = 0; i < pools.size(); i++) {
            PoolTake pool = pools.get(i);
            Long already = pool.budget() ? spent.get(pool.name()) : Long.valueOf(0);
            if (already == null) {
                if (pool.seed() == null) {
                    return new Outcome(Outcome.Result.NEEDS_SEED, i, window, reset, windowCounts, used);
                }
                already = pool.seed();
            }
            long holding = held.getOrDefault(pool.name(), Map.of()).values().stream().mapToLong(Long::longValue).sum();
            used[i] = already + holding;
            if (used[i] + pool.amount() > pool.limit()) {
                return new Outcome(Outcome.Result.POOL_FULL, i, window, reset, windowCounts, used);
            }
        }
        for (int j = 0; j < windows.size(); j++) {
            if (windowCounts[j] + windows.get(j).amount() > windows.get(j).limit()) {
                return new Outcome(Outcome.Result.WINDOW_FULL, j, window, reset, windowCounts, used);
            }
        }
        for (int i = 0; i < pools.size(); i++) {
            PoolTake pool = pools.get(i);
            if (pool.budget()) {
                spent.putIfAbsent(pool.name(), pool.seed());
            }
            held.computeIfAbsent(pool.name(), k -> new HashMap<>()).put(lease, pool.amount());
            used[i] += pool.amount();
        }
        for (int j = 0; j < windows.size(); j++) {
            windowCounts[j] = counts.merge(windows.get(j).name() + ":" + window, windows.get(j).amount(), Long::sum);
        }
        return new Outcome(Outcome.Result.ADMITTED, -1, window, reset, windowCounts, used);
    }

    @Override
    public synchronized boolean[] settle(String lease, List<PoolTake> pools, long[] amounts, List<WindowTake> windows,
            long window, long[] windowDelta) {
        boolean[] crossed = new boolean[pools.size()];
        for (int i = 0; i < pools.size(); i++) {
            PoolTake pool = pools.get(i);
            Map<String, Long> leases = held.get(pool.name());
            if (leases != null) {
                leases.remove(lease);
                if (leases.isEmpty()) {
                    held.remove(pool.name());
                }
            }
            if (pool.budget() && spent.containsKey(pool.name())) {
                long total = spent.merge(pool.name(), amounts[i], Long::sum);
                crossed[i] = pool.soft() >= 0 && total >= pool.soft() && alerted.add(pool.name());
            }
        }
        for (int j = 0; j < windows.size(); j++) {
            long delta = windowDelta[j];
            counts.computeIfPresent(windows.get(j).name() + ":" + window, (k, v) -> Math.max(0, v + delta));
        }
        return crossed;
    }
}
