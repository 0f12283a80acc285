package dev.gatehouse.server.limit;

import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.redis.SharedRedis;
import java.time.Clock;
import java.time.Duration;

/**
 * Which store counts now (docs/limits.md, "When Redis is unavailable"): the shared Redis while
 * it answers; while it does not, this instance's memory ({@code on_failure: open}) or a 503
 * ({@code closed}); and back to Redis once a ping, every second while it is down, answers again.
 * Without Redis, always this instance's memory.
 */
final class LimitStores implements AutoCloseable {

    private static final Duration PING_EVERY = Duration.ofSeconds(1);

    private final LocalLimitStore local;
    private final SharedRedis redis;
    private final RedisLimitStore shared;
    private final LimitMetrics metrics;
    private final Thread pinger;
    private volatile boolean closed;

    /** @param redis the shared Redis, or null to keep every limit in this instance's memory */
    LimitStores(SharedRedis redis, Clock clock, LimitMetrics metrics) {
        this.local = new LocalLimitStore(clock);
        this.redis = redis;
        this.shared = redis == null ? null : new RedisLimitStore(redis, clock);
        this.metrics = metrics;
        this.pinger = redis == null ? null : Thread.ofVirtual().name("gatehouse-redis-ping").start(this::pingLoop);
    }

    /** Where takes go now: Redis while it answers; else this instance, or a refusal when failing closed. */
    LimitStore current() {
        if (shared == null) {
            return local;
        }
        if (redis.isAvailable()) {
            return shared;
        }
        return fallback();
    }

    /** Where takes go when Redis has just failed: this instance, or a 503 when failing closed. */
    LimitStore fallback() {
        if (redis.settings().onFailure() == RedisSettings.OnFailure.CLOSED) {
            metrics.refused("unavailable");
            throw new LimitErrors.Unavailable();
        }
        metrics.fallback();
        return local;
    }

    /** The shared Redis, or null without one. */
    SharedRedis redis() {
        return redis;
    }

    Limiter.Health health() {
        if (redis == null || redis.isAvailable()) {
            return Limiter.Health.UP;
        }
        return redis.settings().onFailure() == RedisSettings.OnFailure.CLOSED
                ? Limiter.Health.DOWN : Limiter.Health.DEGRADED;
    }

    /**
     * Asks Redis once at start (so that readiness is right before the first request), then
     * every second while it is down, to notice it coming back while nothing else is sent to it.
     */
    private void pingLoop() {
        redis.ping();
        while (!closed) {
            try {
                Thread.sleep(PING_EVERY);
            } catch (InterruptedException e) {
                return;
            }
            if (!redis.isAvailable()) {
                redis.ping();
            }
        }
    }

    /** Stops the ping loop and the lease renewals, and closes the Redis client. */
    @Override
    public void close() {
        closed = true;
        if (pinger != null) {
            pinger.interrupt();
        }
        if (shared != null) {
            shared.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
