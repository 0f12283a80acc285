package dev.gatehouse.routing;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Cooldowns known to this process only: the default, and the right one for a single instance. */
public final class InMemoryCooldowns implements Cooldowns {

    private final ConcurrentMap<String, Instant> until = new ConcurrentHashMap<>();

    @Override
    public void coolDown(String deploymentId, Instant end) {
        until.merge(deploymentId, end, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    @Override
    public Instant coolingUntil(String deploymentId, Instant now) {
        Instant end = until.get(deploymentId);
        if (end == null) {
            return null;
        }
        if (!end.isAfter(now)) {
            until.remove(deploymentId, end); // over: forget it, so the map holds only current cooldowns
            return null;
        }
        return end;
    }
}
