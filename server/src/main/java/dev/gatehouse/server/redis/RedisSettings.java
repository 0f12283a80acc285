package dev.gatehouse.server.redis;

import dev.gatehouse.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The Redis that instances share rate-limit counters, budget reservations and cooldowns through
 * ({@code redis:} in the configuration).
 *
 * @param url       {@code redis://host:port[/db]}, or {@code rediss://} for TLS; never with a password in it
 * @param username  the ACL user, or null for the default user
 * @param password  the password (a reference in the file: env:, file:, secret:), or null
 * @param timeout   how long one command may take before Redis counts as unavailable
 * @param onFailure what limited requests get while Redis is unavailable
 */
public record RedisSettings(URI url, String username, Secret password, Duration timeout, OnFailure onFailure) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);

    /** What the gateway does while Redis can not be reached. */
    public enum OnFailure {
        /** Refuse requests that a shared limit or budget applies to, with a 503: no limit is ever exceeded. */
        CLOSED,
        /** Serve them under this instance's own in-memory limits: each instance enforces the limits alone. */
        OPEN
    }

    public RedisSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onFailure, "onFailure");
        if (!"redis".equals(url.getScheme()) && !"rediss".equals(url.getScheme())) {
            throw new IllegalArgumentException("a Redis URL starts with redis:// or rediss://");
        }
        if (url.getUserInfo() != null) {
            throw new IllegalArgumentException("a Redis URL must not hold credentials; set username and password");
        }
    }

    /** The database number from the URL's path ({@code redis://host:6379/2}), 0 when it has none. */
    public int database() {
        String path = url.getPath();
        return path == null || path.isEmpty() || path.equals("/") ? 0 : Integer.parseInt(path.substring(1));
    }
}
