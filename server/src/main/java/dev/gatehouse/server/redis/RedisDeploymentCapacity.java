package dev.gatehouse.server.redis;

import dev.gatehouse.routing.DeploymentCapacity;
import java.util.List;
import java.util.Optional;

/**
 * Deployments' requests and tokens per minute, counted in Redis so that every instance draws
 * from one budget per deployment: N instances together stay under the upstream's own limits.
 *
 * <p>Windows are whole minutes of Redis's own clock ({@code TIME} inside the script), so
 * instances whose clocks differ still share one window. Each take is one script: it reads the
 * window and adds to it with no other command in between. A window's key expires two windows
 * after it starts. Fixed windows are exact within a minute; across a minute's boundary up to
 * twice the limit can pass in a short time, the usual price of fixed windows.
 *
 * <p>While Redis is unavailable, {@link RedisSettings.OnFailure#OPEN} falls back to this
 * instance's own counters ({@code local}); {@link RedisSettings.OnFailure#CLOSED} gives no
 * capacity, so the router sends nothing to a deployment whose use it can not see.
 */
public final class RedisDeploymentCapacity implements DeploymentCapacity {

    private static final String PREFIX = "gatehouse:capacity:";

    /**
     * KEYS[1] the deployment's key prefix; ARGV: rpm (-1 none), tpm (-1 none), tokens, window seconds. Returns
     * {window key, 1 taken | 0 refused}. A window's first request is let through whatever its
     * tokens, so a request larger than the whole tpm is not refused for ever.
     */
    private static final RedisScript TAKE = RedisScript.of("capacity-take", """
            local now = redis.call('TIME')
            local window = tonumber(ARGV[4])
            local key = KEYS[1] .. ':' .. math.floor(tonumber(now[1]) / window)
            local used = redis.call('HMGET', key, 'r', 't')
            local r = tonumber(used[1] or '0')
            local t = tonumber(used[2] or '0')
            local rpm, tpm, tokens = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            if (rpm >= 0 and r + 1 > rpm) or (tpm >= 0 and r > 0 and t + tokens > tpm) then
              return {key, 0}
            end
            redis.call('HINCRBY', key, 'r', 1)
            redis.call('HINCRBY', key, 't', tokens)
            redis.call('EXPIRE', key, 2 * window)
            return {key, 1}
            """);

    /** KEYS[1] a window key; ARGV[1] tokens to add (negative to give back). */
    private static final RedisScript SETTLE = RedisScript.of("capacity-settle", """
            if redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('HINCRBY', KEYS[1], 't', ARGV[1])
            end
            return 1
            """);

    /** KEYS[1] the deployment's key prefix; ARGV[1] window seconds. Returns {requests, tokens} used in the current window. */
    private static final RedisScript USED = RedisScript.of("capacity-used", """
            local now = redis.call('TIME')
            local window = tonumber(ARGV[1])
            local used = redis.call('HMGET', KEYS[1] .. ':' .. math.floor(tonumber(now[1]) / window), 'r', 't')
            return {tonumber(used[1] or '0'), tonumber(used[2] or '0')}
            """);

    private final SharedRedis redis;
    private final DeploymentCapacity local;
    private final String windowSeconds;

    /** Per-minute windows, as rpm and tpm are. */
    public RedisDeploymentCapacity(SharedRedis redis, DeploymentCapacity local) {
        this(redis, local, 60);
    }

    /** Windows of {@code windowSeconds} (tests use long ones, so that no window ends while they count). */
    RedisDeploymentCapacity(SharedRedis redis, DeploymentCapacity local, int windowSeconds) {
        this.redis = redis;
        this.local = local;
        this.windowSeconds = Integer.toString(windowSeconds);
    }

    @Override
    public Optional<Lease> tryTake(String deploymentId, Limits limits, long estimatedTokens) {
        if (limits.unlimited()) {
            return Optional.of(actual -> { });
        }
        try {
            List<?> result = (List<?>) redis.eval(TAKE, List.of(PREFIX + deploymentId),
                    List.of(limit(limits.rpm()), limit(limits.tpm()), Long.toString(estimatedTokens), windowSeconds));
            if (((Long) result.get(1)) == 0L) {
                return Optional.empty();
            }
            String window = (String) result.get(0);
            return Optional.of(actual -> settle(window, actual - estimatedTokens));
        } catch (SharedRedis.Unavailable down) {
            return redis.settings().onFailure() == RedisSettings.OnFailure.OPEN
                    ? local.tryTake(deploymentId, limits, estimatedTokens)
                    : Optional.empty();
        }
    }

    @Override
    public Headroom headroom(String deploymentId, Limits limits) {
        if (limits.unlimited()) {
            return new Headroom(Long.MAX_VALUE, Long.MAX_VALUE);
        }
        try {
            List<?> used = (List<?>) redis.eval(USED, List.of(PREFIX + deploymentId), List.of(windowSeconds));
            return new Headroom(left(limits.rpm() == null ? null : limits.rpm().longValue(), (Long) used.get(0)),
                    left(limits.tpm(), (Long) used.get(1)));
        } catch (SharedRedis.Unavailable down) {
            return redis.settings().onFailure() == RedisSettings.OnFailure.OPEN
                    ? local.headroom(deploymentId, limits)
                    : new Headroom(0, 0);
        }
    }

    private void settle(String window, long correction) {
        if (correction == 0) {
            return;
        }
        try {
            redis.eval(SETTLE, List.of(window), List.of(Long.toString(correction)));
        } catch (SharedRedis.Unavailable down) {
            // The window's estimate stands; it expires with its minute.
        }
    }

    private static String limit(Number value) {
        return value == null ? "-1" : value.toString();
    }

    private static long left(Long limit, long used) {
        return limit == null ? Long.MAX_VALUE : Math.max(0, limit - used);
    }
}
