package dev.gatehouse.routing;

import java.time.Instant;

/**
 * Which deployments are cooling down: taken out of routing for a while after too many failures
 * (or a rate limit, or a refused credential), then probed back. A gateway keeps this in memory;
 * a server with several instances shares it (through Redis) so that every instance stops
 * sending to a deployment that one of them found failing.
 *
 * <p>Implementations are thread-safe and do not throw when a shared store is unavailable: they
 * answer from what they know locally.
 */
public interface Cooldowns {

    /** Takes {@code deploymentId} out of routing until {@code until}; a later end extends, an earlier one changes nothing. */
    void coolDown(String deploymentId, Instant until);

    /** When {@code deploymentId}'s cooldown ends, or null when it is not cooling down at {@code now}. */
    Instant coolingUntil(String deploymentId, Instant now);
}
