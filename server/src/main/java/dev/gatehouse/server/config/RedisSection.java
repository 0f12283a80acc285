package dev.gatehouse.server.config;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.redis.RedisSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code redis:} section: the Redis that several instances share limits, budget
 * reservations and cooldowns through. Absent, each instance keeps them in memory.
 */
final class RedisSection {

    static final List<String> KEYS = List.of("url", "username", "password", "timeout_ms", "on_failure");

    private RedisSection() {}

    /** The settings, or null when the section is absent or has a problem (then recorded in {@code findings}). */
    static RedisSettings read(Located at, Findings findings, Credentials credentials) {
        Fields fields = new Fields(findings);
        if (!fields.isSection(at, KEYS)) {
            return null;
        }
        URI url = url(at.get("url"), findings, fields);
        String username = fields.text(at.get("username"));
        Secret password = credentials.resolve(at.get("password"));
        Long timeoutMs = fields.integer(at.get("timeout_ms"), 1, 60_000);
        RedisSettings.OnFailure onFailure = onFailure(at.get("on_failure"), findings, fields);
        if (url == null || onFailure == null) {
            return null;
        }
        return new RedisSettings(url, username, password,
                timeoutMs != null ? Duration.ofMillis(timeoutMs) : RedisSettings.DEFAULT_TIMEOUT, onFailure);
    }

    private static URI url(Located at, Findings findings, Fields fields) {
        if (at.isMissing()) {
            findings.problem(at, "is required: redis://host:port (or rediss:// for TLS)");
            return null;
        }
        String text = fields.text(at);
        if (text == null) {
            return null;
        }
        try {
            URI url = new URI(text);
            if (!"redis".equals(url.getScheme()) && !"rediss".equals(url.getScheme()) || url.getHost() == null) {
                findings.problem(at, "must be redis://host:port or rediss://host:port");
                return null;
            }
            if (url.getUserInfo() != null) {
                findings.problem(at, "must not hold a user or password; set username: and password: (a reference"
                        + " such as env:REDIS_PASSWORD)");
                return null;
            }
            String path = url.getPath();
            if (path != null && !path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,2}")) {
                findings.problem(at, "may end in a database number (/0 to /15) and nothing else");
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            findings.problem(at, "is not a URL: " + e.getReason());
            return null;
        }
    }

    private static RedisSettings.OnFailure onFailure(Located at, Findings findings, Fields fields) {
        if (at.isMissing()) {
            findings.problem(at, "is required: closed (refuse limited requests while Redis is down) or open"
                    + " (serve them under each instance's own limits)");
            return null;
        }
        String text = fields.text(at);
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "closed" -> RedisSettings.OnFailure.CLOSED;
            case "open" -> RedisSettings.OnFailure.OPEN;
            default -> {
                findings.problem(at, "must be closed or open");
                yield null;
            }
        };
    }
}
