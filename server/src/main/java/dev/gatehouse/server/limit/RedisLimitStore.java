package dev.gatehouse.server.limit;

import dev.gatehouse.server.redis.RedisScript;
import dev.gatehouse.server.redis.SharedRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters every instance shares, in Redis. A take is one Lua script ({@link #TAKE}) and a
 * settle another ({@link #SETTLE}): Redis runs each with no other command in between, so two
 * instances never both see the last free request of a minute. The time is the instance's
 * clock, passed to each script: instances must keep their clocks in step (NTP), as they do for
 * key expiry; a skew of some milliseconds moves a minute's boundary by as much.
 *
 * <p>Holds (a request in flight, a budget reservation) are leases: members of a sorted set
 * scored by a deadline {@link #LEASE} ahead, which this instance moves forward every
 * {@link #RENEW_EVERY} while the request runs. An instance that dies stops renewing, and its
 * leases fall out of the pools within {@link #LEASE}: a crash can not leak a concurrency slot
 * or a reservation for longer.
 *
 * <p>Every key starts with the hash tag {@code {gatehouse}}, so that on a Redis Cluster all of
 * them live in one slot, as a multi-key script needs.
 */
final class RedisLimitStore implements LimitStore, AutoCloseable {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration RENEW_EVERY = Duration.ofSeconds(10);
    static final String PREFIX = "{gatehouse}:";

    /**
     * KEYS: per pool its leases (sorted set), holds (hash), spent sum and soft-alert flag; then
     * per window its counter (the minute is appended here). ARGV: lease, lease ms, pool count,
     * window count; per pool kind (b/c), limit, amount, seed (-1: unknown), ttl s, soft (-1: none);
     * per window limit, amount; last the time (epoch ms). Returns {result, index, window, reset ms, counts…, used…}.
     */
    static final RedisScript TAKE = RedisScript.of("limits_take", """
            local now = tonumber(ARGV[#ARGV])
            local lease, leaseMs = ARGV[1], tonumber(ARGV[2])
            local np, nw = tonumber(ARGV[3]), tonumber(ARGV[4])
            local window = math.floor(now / 60000)
            local reset = (window + 1) * 60000 - now
            local counts, used = {}, {}
            for j = 1, nw do
              counts[j] = tonumber(redis.call('GET', KEYS[4 * np + j] .. ':' .. window) or '0')
            end
            for i = 1, np do used[i] = 0 end
            local function answer(result, index)
              local out = {result, index, window, reset}
              for j = 1, nw do out[#out + 1] = counts[j] end
              for i = 1, np do out[#out + 1] = used[i] end
              return out
            end
            for i = 1, np do
              local z, h, s = KEYS[4 * i - 3], KEYS[4 * i - 2], KEYS[4 * i - 1]
              local a = 4 + (i - 1) * 6
              local kind, limit, amount, seed = ARGV[a + 1], tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3]), tonumber(ARGV[a + 4])
              local expired = redis.call('ZRANGEBYSCORE', z, '-inf', now)
              -- One by one: unpack() of thousands of lapsed leases would pass Lua's stack limit.
              for _, gone in ipairs(expired) do redis.call('HDEL', h, gone) end
              if #expired > 0 then redis.call('ZREMRANGEBYSCORE', z, '-inf', now) end
              local spent = 0
              if kind == 'b' then
                local stored = redis.call('GET', s)
                if stored then spent = tonumber(stored)
                elseif seed < 0 then return answer('seed', i - 1)
                else spent = seed end
              end
              local holding = 0
              for _, v in ipairs(redis.call('HVALS', h)) do holding = holding + tonumber(v) end
              used[i] = spent + holding
              if used[i] + amount > limit then return answer('pool', i - 1) end
            end
            for j = 1, nw do
              local a = 4 + np * 6 + (j - 1) * 2
              if counts[j] + tonumber(ARGV[a + 2]) > tonumber(ARGV[a + 1]) then return answer('window', j - 1) end
            end
            for i = 1, np do
              local z, h, s = KEYS[4 * i - 3], KEYS[4 * i - 2], KEYS[4 * i - 1]
              local a = 4 + (i - 1) * 6
              local amount, ttl = tonumber(ARGV[a + 3]), tonumber(ARGV[a + 5])
              -- Values are written from ARGV's strings: Lua would print a large number as 1.2e+14.
              if ARGV[a + 1] == 'b' and redis.call('EXISTS', s) == 0 then
                if ttl > 0 then redis.call('SET', s, ARGV[a + 4], 'EX', ttl) else redis.call('SET', s, ARGV[a + 4]) end
              end
              redis.call('ZADD', z, now + leaseMs, lease)
              redis.call('HSET', h, lease, ARGV[a + 3])
              redis.call('PEXPIRE', z, leaseMs * 2)
              redis.call('PEXPIRE', h, leaseMs * 2)
              used[i] = used[i] + amount
            end
            for j = 1, nw do
              local a = 4 + np * 6 + (j - 1) * 2
              local k = KEYS[4 * np + j] .. ':' .. window
              counts[j] = redis.call('INCRBY', k, ARGV[a + 2])
              redis.call('EXPIRE', k, 120)
            end
            return answer('ok', -1)
            """);

    /**
     * KEYS as for {@link #TAKE}, the window counters without their minute. ARGV: lease, pool count,
     * window count, window; per pool kind, spent, ttl s, soft; per window delta. Returns per
     * pool 1 when its soft limit was crossed first now.
     */
    static final RedisScript SETTLE = RedisScript.of("limits_settle", """
            local lease, np, nw, window = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
            local out = {}
            for i = 1, np do
              local z, h, s, al = KEYS[4 * i - 3], KEYS[4 * i - 2], KEYS[4 * i - 1], KEYS[4 * i]
              local a = 4 + (i - 1) * 4
              redis.call('ZREM', z, lease)
              redis.call('HDEL', h, lease)
              out[i] = 0
              -- A spent sum that is gone (expired, flushed) is seeded again from the spend log,
              -- which will hold this request's row: adding to nothing would count it twice.
              if ARGV[a + 1] == 'b' and redis.call('EXISTS', s) == 1 then
                local total = redis.call('INCRBY', s, ARGV[a + 2])
                local soft = tonumber(ARGV[a + 4])
                if soft >= 0 and total >= soft then
                  local ttl = tonumber(ARGV[a + 3])
                  local fresh
                  if ttl > 0 then fresh = redis.call('SET', al, '1', 'NX', 'EX', ttl)
                  else fresh = redis.call('SET', al, '1', 'NX') end
                  if fresh then out[i] = 1 end
                end
              end
            end
            for j = 1, nw do
              local k = KEYS[4 * np + j] .. ':' .. window
              if redis.call('EXISTS', k) == 1 then
                local v = redis.call('INCRBY', k, ARGV[4 + np * 4 + j])
                if v < 0 then redis.call('SET', k, 0, 'KEEPTTL') end
              end
            end
            return out
            """);

    /** KEYS: per pool its leases and holds. ARGV: lease, lease ms, the time. Moves the lease's deadline on. */
    static final RedisScript RENEW = RedisScript.of("limits_renew", """
            local now = tonumber(ARGV[#ARGV])
            local leaseMs = tonumber(ARGV[2])
            for i = 1, #KEYS / 2 do
              local z, h = KEYS[2 * i - 1], KEYS[2 * i]
              if redis.call('ZSCORE', z, ARGV[1]) then
                redis.call('ZADD', z, 'XX', now + leaseMs, ARGV[1])
                redis.call('PEXPIRE', z, leaseMs * 2)
                redis.call('PEXPIRE', h, leaseMs * 2)
              end
            end
            return 1
            """);

    private final SharedRedis redis;
    private final Clock clock;
    private final Map<String, List<PoolTake>> live = new ConcurrentHashMap<>();
    private final Thread renewer;
    private volatile boolean closed;

    RedisLimitStore(SharedRedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.renewer = Thread.ofVirtual().name("gatehouse-lease-renewer").start(this::renewLoop);
    }

    @Override
    public Outcome take(String lease, List<PoolTake> pools, List<WindowTake> windows) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(lease, Long.toString(LEASE.toMillis()),
                Integer.toString(pools.size()), Integer.toString(windows.size())));
        for (PoolTake pool : pools) {
            addPoolKeys(keys, pool);
            args.addAll(List.of(pool.budget() ? "b" : "c", Long.toString(pool.limit()), Long.toString(pool.amount()),
                    Long.toString(pool.seed() == null ? -1 : pool.seed()), Long.toString(pool.ttlSeconds()),
                    Long.toString(pool.soft())));
        }
        for (WindowTake window : windows) {
            keys.add(PREFIX + window.name());
            args.add(Long.toString(window.limit()));
            args.add(Long.toString(window.amount()));
        }
        args.add(Long.toString(clock.millis()));
        List<?> reply = (List<?>) redis.eval(TAKE, keys, args);
        Outcome.Result result = switch ((String) reply.get(0)) {
            case "ok" -> Outcome.Result.ADMITTED;
            case "pool" -> Outcome.Result.POOL_FULL;
            case "window" -> Outcome.Result.WINDOW_FULL;
            default -> Outcome.Result.NEEDS_SEED;
        };
        long[] counts = new long[windows.size()];
        long[] used = new long[pools.size()];
        for (int j = 0; j < counts.length; j++) {
            counts[j] = (Long) reply.get(4 + j);
        }
        for (int i = 0; i < used.length; i++) {
            used[i] = (Long) reply.get(4 + counts.length + i);
        }
        if (result == Outcome.Result.ADMITTED && !pools.isEmpty()) {
            live.put(lease, pools);
        }
        return new Outcome(result, Math.toIntExact((Long) reply.get(1)), (Long) reply.get(2), (Long) reply.get(3),
                counts, used);
    }

    @Override
    public boolean[] settle(String lease, List<PoolTake> pools, long[] spent, List<WindowTake> windows, long window,
            long[] windowDelta) {
        live.remove(lease);
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(lease, Integer.toString(pools.size()),
                Integer.toString(windows.size()), Long.toString(window)));
        for (int i = 0; i < pools.size(); i++) {
            PoolTake pool = pools.get(i);
            addPoolKeys(keys, pool);
            args.addAll(List.of(pool.budget() ? "b" : "c", Long.toString(spent[i]), Long.toString(pool.ttlSeconds()),
                    Long.toString(pool.soft())));
        }
        for (int j = 0; j < windows.size(); j++) {
            keys.add(PREFIX + windows.get(j).name());
            args.add(Long.toString(windowDelta[j]));
        }
        List<?> reply = (List<?>) redis.eval(SETTLE, keys, args);
        boolean[] crossed = new boolean[pools.size()];
        for (int i = 0; i < crossed.length; i++) {
            crossed[i] = ((Long) reply.get(i)) == 1L;
        }
        return crossed;
    }

    private static void addPoolKeys(List<String> keys, PoolTake pool) {
        keys.add(PREFIX + pool.name() + ":leases");
        keys.add(PREFIX + pool.name() + ":held");
        keys.add(PREFIX + pool.name() + ":spent");
        keys.add(PREFIX + pool.name() + ":alerted");
    }

    /** Keeps this instance's leases alive while their requests run (a long stream outlives one lease). */
    private void renewLoop() {
        while (!closed) {
            try {
                Thread.sleep(RENEW_EVERY);
            } catch (InterruptedException e) {
                return;
            }
            live.forEach((lease, pools) -> {
                List<String> keys = new ArrayList<>();
                for (PoolTake pool : pools) {
                    keys.add(PREFIX + pool.name() + ":leases");
                    keys.add(PREFIX + pool.name() + ":held");
                }
                try {
                    redis.eval(RENEW, keys, List.of(lease, Long.toString(LEASE.toMillis()),
                            Long.toString(clock.millis())));
                } catch (SharedRedis.Unavailable down) {
                    // Counted by SharedRedis; the lease lapses unless Redis is back before it does.
                }
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        renewer.interrupt();
    }
}
