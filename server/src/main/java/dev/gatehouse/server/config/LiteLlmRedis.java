package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Function;

/**
 * The one Redis a LiteLLM file gives Gatehouse. LiteLLM can name two: {@code router_settings}'
 * {@code redis_host}, {@code redis_port}, {@code redis_password} (or {@code redis_url}), the Redis
 * its routers share usage and cooldowns through (docs.litellm.ai/docs/proxy/config_settings,
 * router_settings; docs.litellm.ai/docs/routing, "Redis"), and {@code litellm_settings.cache_params}'
 * host, the cache's. Gatehouse has one Redis for limits, budgets, cooldowns and cached answers: the
 * router's wins, because what Gatehouse keeps there first is what LiteLLM's router keeps in its
 * own; the cache's is used when the router names none. Two different servers are a warning.
 */
final class LiteLlmRedis {

    static final List<String> ROUTER_KEYS = List.of("redis_host", "redis_port", "redis_password", "redis_url");
    private static final String DEFAULT_PORT = "6379";

    private LiteLlmRedis() {}

    /** The redis: section the file stands for, or a missing value when it names no Redis. */
    static Located section(Located root, Findings findings, Function<String, String> env) {
        Located cache = LiteLlmCache.redisSection(root, env);
        Located router = router(root.get("router_settings"), findings, env);
        if (router.isMissing()) {
            return cache;
        }
        if (!cache.isMissing() && !cache.value().path("url").asText().equals(router.value().path("url").asText())) {
            findings.warn(root.get("litellm_settings").get("cache_params").get("host"), "names another Redis than"
                    + " router_settings; Gatehouse has one Redis, for its limits and cooldowns and for cached answers"
                    + " alike, and uses router_settings' (" + router.value().path("url").asText() + ")");
        }
        return router;
    }

    /** router_settings' Redis as a redis: section, or missing (problems recorded) when it names none. */
    private static Located router(Located settings, Findings findings, Function<String, String> env) {
        Located absent = settings.with(MissingNode.getInstance());
        if (!settings.value().isObject()) {
            return absent;
        }
        Located urlAt = settings.get("redis_url");
        Located hostAt = settings.get("redis_host");
        String url;
        Located at;
        if (!urlAt.isMissing()) {
            url = url(urlAt, findings, env);
            at = urlAt;
            for (Located ignored : List.of(hostAt, settings.get("redis_port"))) {
                if (!ignored.isMissing()) {
                    findings.warn(ignored, "ignored: redis_url names the Redis");
                }
            }
        } else if (!hostAt.isMissing()) {
            url = hostAndPort(settings, findings, env);
            at = hostAt;
        } else {
            for (Located lone : List.of(settings.get("redis_port"), settings.get("redis_password"))) {
                if (!lone.isMissing()) {
                    findings.warn(lone, "ignored without redis_host or redis_url");
                }
            }
            return absent;
        }
        if (url == null) {
            return absent;
        }
        ObjectNode redis = JsonNodeFactory.instance.objectNode();
        redis.put("url", url);
        Located password = settings.get("redis_password");
        if (!password.isMissing()) {
            // os.environ/NAME becomes env:NAME; a written password is then refused with every written credential.
            redis.set("password", LiteLlmValues.reference(password).value());
        }
        redis.set("on_failure", TextNode.valueOf("open")); // LiteLLM goes on serving while its Redis is down
        // The section is read as router_settings' own, each of its keys at the line of the key it came from.
        java.util.Map<String, Integer> lines = new java.util.HashMap<>(settings.lines());
        lines.put(settings.path() + ".url", at.line());
        lines.put(settings.path() + ".password", password.line());
        return new Located(redis, settings.path(), settings.line(), settings.file(), lines);
    }

    private static String hostAndPort(Located settings, Findings findings, Function<String, String> env) {
        Located hostAt = settings.get("redis_host");
        String host = LiteLlmValues.text(hostAt, env);
        if (host == null || host.isBlank()) {
            findings.problem(hostAt, "must be the Redis host name, or os.environ/NAME naming a set variable");
            return null;
        }
        Located portAt = settings.get("redis_port");
        String port = portAt.isMissing() ? DEFAULT_PORT : LiteLlmValues.text(portAt, env);
        if (port == null || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) == 0
                || Integer.parseInt(port) > 65_535) {
            findings.problem(portAt, "must be a port number from 1 to 65535, or os.environ/NAME naming one");
            return null;
        }
        return "redis://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** redis_url, read from the environment when it says os.environ/NAME; it may hold no password. */
    private static String url(Located at, Findings findings, Function<String, String> env) {
        String url = LiteLlmValues.text(at, env);
        if (url == null) {
            findings.problem(at, "must be redis://host:port, or os.environ/NAME naming a set variable");
            return null;
        }
        try {
            if (new URI(url).getUserInfo() != null) {
                // Never echo the URL: it holds the password.
                findings.problem(at, "holds a user or password; give the URL without it and the password as"
                        + " redis_password: os.environ/NAME");
                return null;
            }
        } catch (URISyntaxException e) {
            findings.problem(at, "is not a URL");
            return null;
        }
        return url; // the redis: section checks its scheme, host and database number
    }
}
