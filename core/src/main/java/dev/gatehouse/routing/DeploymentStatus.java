package dev.gatehouse.routing;

import java.time.Instant;

/**
 * One deployment as the health endpoint shows it.
 *
 * @param id            the deployment's id
 * @param model         its public model name
 * @param provider      its provider id
 * @param state         {@code healthy}, {@code cooling_down}, {@code half_open} (its cooldown
 *                      ended; the next request to pick it tests it) or {@code probing} (one
 *                      request is testing it)
 * @param coolingUntil  when its cooldown ends, or null
 * @param latencyMillis its moving-average latency, or null before its first success
 * @param inFlight      requests in flight on this instance
 * @param attempts      attempts sent to it since start
 * @param failures      attempts that failed
 * @param cooldowns     times it was taken out
 */
public record DeploymentStatus(String id, String model, String provider, String state, Instant coolingUntil,
        Double latencyMillis, int inFlight, long attempts, long failures, long cooldowns) {

    /** Failed attempts over all attempts; 0 before any. */
    public double errorRate() {
        return attempts == 0 ? 0 : (double) failures / attempts;
    }
}
