package dev.gatehouse.server.redis;

import dev.gatehouse.routing.Cooldowns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cooldowns shared through Redis: a deployment one instance takes out is out on every instance.
 *
 * <p>Routing asks on every request whether a deployment is cooling down, so the answer comes from
 * a local copy; a background thread refreshes it from Redis every {@code refreshMillis} (250 ms by
 * default) for the deployments routing has asked about. A cooldown set here is in the local copy
 * at once and in Redis with the same script call. While Redis is unavailable each instance keeps
 * its own cooldowns — a cooldown only ever narrows where requests go, so failing open or closed
 * does not apply to it.
 */
public final class RedisCooldowns implements Cooldowns, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisCooldowns.class.getName());
    private static final String PREFIX = "gatehouse:cooldown:";

    /** KEYS[1] the deployment's key; ARGV[1] the end, epoch ms. Sets it unless a later end is there. */
    private static final RedisScript COOL_DOWN = RedisScript.of("cooldown-set", """
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            if current < tonumber(ARGV[1]) then
              redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[1])
            end
            return 1
            """);

    /** KEYS: deployments' keys. Returns their ends (false where none). */
    private static final RedisScript READ = RedisScript.of("cooldown-read", "return redis.call('MGET', unpack(KEYS))");

    private final SharedRedis redis;
    private final Map<String, Long> untilMillis = new ConcurrentHashMap<>();
    private final Map<String, Boolean> watched = new ConcurrentHashMap<>();
    private final Thread refresher;
    private volatile boolean closed;

    public RedisCooldowns(SharedRedis redis, long refreshMillis) {
        this.redis = redis;
        this.refresher = Thread.ofVirtual().name("cooldown-refresh").start(() -> refreshEvery(refreshMillis));
    }

    @Override
    public void coolDown(String deploymentId, Instant until) {
        watched.put(deploymentId, Boolean.TRUE);
        untilMillis.merge(deploymentId, until.toEpochMilli(), Math::max);
        try {
            redis.eval(COOL_DOWN, List.of(PREFIX + deploymentId), List.of(Long.toString(until.toEpochMilli())));
        } catch (SharedRedis.Unavailable down) {
            // Kept locally; other instances find out for themselves.
        }
    }

    @Override
    public Instant coolingUntil(String deploymentId, Instant now) {
        if (watched.putIfAbsent(deploymentId, Boolean.TRUE) == null) {
            refresh(List.of(deploymentId));
        }
        Long until = untilMillis.get(deploymentId);
        return until == null || until <= now.toEpochMilli() ? null : Instant.ofEpochMilli(until);
    }

    /** Reads the shared cooldowns of the watched deployments into the local copy. */
    void refreshNow() {
        refresh(new ArrayList<>(watched.keySet()));
    }

    private void refresh(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            List<String> keys = ids.stream().map(id -> PREFIX + id).toList();
            List<?> ends = (List<?>) redis.eval(READ, keys, List.of());
            for (int i = 0; i < ids.size(); i++) {
                if (ends.get(i) instanceof String end) {
                    untilMillis.merge(ids.get(i), Long.parseLong(end), Math::max);
                }
            }
        } catch (SharedRedis.Unavailable down) {
            // The local copy stands until Redis answers again.
        }
    }

    private void refreshEvery(long millis) {
        while (!closed) {
            try {
                Thread.sleep(millis);
                refreshNow();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "refreshing shared cooldowns failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        refresher.interrupt();
    }
}
