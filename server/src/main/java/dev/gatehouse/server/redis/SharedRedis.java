package dev.gatehouse.server.redis;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;
import redis.clients.jedis.RedisClient;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The one connection pool to the shared Redis, and the only class that talks to it. Everything
 * that must hold across instances goes through {@link #eval}: an atomic script, so no instance
 * reads a counter and writes it back while another does the same. The response cache's entries,
 * read and written whole, go through {@link #get}, {@link #getAll} and {@link #set}.
 *
 * <p>A failed command throws {@link Unavailable} and marks Redis down until a command succeeds
 * again; callers then apply {@link RedisSettings#onFailure()}. Readiness and metrics read
 * {@link #isAvailable()} and {@link #failures()}.
 */
public final class SharedRedis implements Closeable {

    private static final System.Logger LOG = System.getLogger(SharedRedis.class.getName());

    private final RedisClient pool;
    private final RedisSettings settings;
    private final AtomicBoolean available = new AtomicBoolean(true);
    private final AtomicLong failures = new AtomicLong();

    public SharedRedis(RedisSettings settings) {
        this.settings = settings;
        int timeout = Math.toIntExact(settings.timeout().toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .user(settings.username())
                .password(settings.password() == null ? null : settings.password().reveal())
                .database(settings.database())
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout)
                .clientName("gatehouse");
        if ("rediss".equals(settings.url().getScheme())) {
            // The JDK's trust store, and the certificate must name the host (FULL): a Redis that
            // holds every limit must not be impersonated.
            config.sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
        }
        int port = settings.url().getPort() > 0 ? settings.url().getPort() : 6379;
        // Requests run on virtual threads, many at once: a pool of 64 keeps them from queueing
        // behind a handful of connections, and a request waits for one no longer than a command may take.
        GenericObjectPoolConfig<Connection> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(64);
        poolConfig.setMaxIdle(64);
        poolConfig.setMaxWait(settings.timeout());
        poolConfig.setJmxEnabled(false);
        this.pool = RedisClient.builder()
                .hostAndPort(new HostAndPort(settings.url().getHost(), port))
                .clientConfig(config.build())
                .poolConfig(poolConfig)
                .build();
    }

    public RedisSettings settings() {
        return settings;
    }

    /**
     * Runs {@code script} with these keys and arguments and returns what it returns (Redis
     * integers as {@code Long}, strings as {@code String}, arrays as {@code List}).
     */
    public Object eval(RedisScript script, List<String> keys, List<String> args) {
        try {
            Object result;
            try {
                result = pool.evalsha(script.sha1(), keys, args);
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                    throw e;
                }
                result = pool.eval(script.lua(), keys, args);
            }
            up();
            return result;
        } catch (JedisException e) {
            throw down(script.name(), e);
        }
    }

    /**
     * The value stored at {@code key}, or null when there is none. Plain commands, not scripts:
     * a cached answer is one key read or written whole, so there is nothing to make atomic, and
     * its bytes travel as they are (a script's arguments and results are text).
     */
    public byte[] get(String key) {
        try {
            byte[] value = pool.get(key.getBytes(StandardCharsets.UTF_8));
            up();
            return value;
        } catch (JedisException e) {
            throw down("get", e);
        }
    }

    /** The values stored at {@code keys} in one round trip ({@code MGET}), null where there is none. */
    public List<byte[]> getAll(List<String> keys) {
        try {
            List<byte[]> values = pool.mget(keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new));
            up();
            return values;
        } catch (JedisException e) {
            throw down("mget", e);
        }
    }

    /** Stores {@code value} at {@code key} for {@code ttl} ({@code SET … PX}), replacing what was there. */
    public void set(String key, byte[] value, Duration ttl) {
        try {
            pool.set(key.getBytes(StandardCharsets.UTF_8), value, SetParams.setParams().px(Math.max(1, ttl.toMillis())));
            up();
        } catch (JedisDataException refused) {
            // Redis answered, refusing (full under maxmemory with noeviction): it is up, and
            // marking it down would move every shared limit to its fallback for a cache write.
            throw new Unavailable("set", refused);
        } catch (JedisException e) {
            throw down("set", e);
        }
    }

    /** Asks Redis whether it is there; true when it answered. */
    public boolean ping() {
        try {
            boolean pong = "PONG".equals(pool.ping());
            if (pong) {
                up();
            }
            return pong;
        } catch (JedisException e) {
            down("ping", e);
            return false;
        }
    }

    /** Whether the last command reached Redis. */
    public boolean isAvailable() {
        return available.get();
    }

    /** Commands that failed since start. */
    public long failures() {
        return failures.get();
    }

    private void up() {
        if (available.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, () -> "Redis at " + settings.url().getHost() + " is reachable again");
        }
    }

    private Unavailable down(String what, JedisException e) {
        failures.incrementAndGet();
        if (available.compareAndSet(true, false)) {
            LOG.log(System.Logger.Level.WARNING, () -> "Redis at " + settings.url().getHost() + " is unavailable ("
                    + what + ": " + e.getClass().getSimpleName() + "); shared limits fail "
                    + settings.onFailure().name().toLowerCase(java.util.Locale.ROOT));
        }
        return new Unavailable(what, e);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Redis could not run a command: down, too slow, or refusing the connection. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String what, Throwable cause) {
            super("Redis is unavailable (" + what + ")", cause);
        }
    }
}
