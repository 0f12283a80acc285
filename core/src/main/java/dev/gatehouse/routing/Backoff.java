package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The router's waits between attempts: how long (exponential backoff with full jitter), and the
 * waiting itself.
 *
 * @param settings the base and the longest backoff
 * @param random   the jitter's source
 * @param sleeper  how to wait (tests move a clock instead)
 */
record Backoff(RoutingSettings settings, RandomGenerator random, Router.Sleeper sleeper) {

    /**
     * The wait before the {@code round}-th try again of a deployment (from 0): a random wait between
     * 0 and the exponential bound, at most the longest backoff (AWS Architecture Blog, "Exponential
     * Backoff And Jitter").
     */
    Duration before(int round) {
        long base = settings.backoffBase().toNanos();
        long bound = round >= 30 ? Long.MAX_VALUE : base << round;
        long capped = Math.min(bound <= 0 ? Long.MAX_VALUE : bound, settings.backoffMax().toNanos());
        return Duration.ofNanos(capped <= 0 ? 0 : random.nextLong(capped + 1));
    }

    /** Waits {@code duration}; an interrupt ends the request as a timeout (and stays set on the thread). */
    void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException.UpstreamTimeout("Interrupted while waiting to try the request again.", e);
        }
    }
}
