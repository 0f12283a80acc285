package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.server.cache.CacheSettings;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * LiteLLM's response cache settings, {@code litellm_settings.cache} and {@code cache_params}, in
 * Gatehouse's terms (docs/migrating-from-litellm.md, "Cache"; LiteLLM's pages proxy/caching and
 * proxy/caching_settings). {@code cache: true} caches every model; {@code type: local} keeps the
 * answers in memory, {@code type: redis} (LiteLLM's proxy default) on the Redis that
 * {@code host}, {@code port} and {@code password} name, which then also becomes Gatehouse's shared
 * Redis, as LiteLLM shares its cache's Redis with its limits, unless router_settings names one
 * ({@link LiteLlmRedis}). Every key that does not map is a warning naming it.
 */
final class LiteLlmCache {

    /** cache_params keys about the Redis itself: they become the redis: section. */
    static final List<String> REDIS_KEYS = List.of("host", "port", "password", "username", "ssl", "socket_timeout");
    static final Set<String> TYPES = Set.of("local", "redis", "redis-semantic", "valkey-semantic", "qdrant-semantic",
            "s3", "gcs", "azure-blob", "disk");
    /** LiteLLM's call types Gatehouse caches, and the route each is. */
    static final Map<String, String> CACHED_CALL_TYPES = Map.of("completion", "chat completions",
            "acompletion", "chat completions", "text_completion", "completions", "atext_completion", "completions",
            "anthropic_messages", "messages", "responses", "responses", "aresponses", "responses",
            "embedding", "embeddings", "aembedding", "embeddings");
    /** LiteLLM's other call types: Gatehouse has the route but does not cache it. */
    static final Set<String> UNCACHED_CALL_TYPES = Set.of("transcription", "atranscription", "rerank", "arerank", "speech", "aspeech",
            "image_generation", "aimage_generation", "moderation", "amoderation");
    private static final int REDIS_DEFAULT_PORT = 6379;

    private final Findings findings;
    private final Fields fields;
    private final Function<String, String> env;

    private LiteLlmCache(Findings findings, Function<String, String> env) {
        this.findings = findings;
        this.fields = new Fields(findings);
        this.env = env;
    }

    /**
     * The {@code redis:} section that {@code cache_params} stands for (located there), or a missing
     * value when the file names no Redis for its cache. Reports nothing: {@link #read} does.
     * The Redis is on_failure open: LiteLLM goes on serving when its Redis is down.
     */
    static Located redisSection(Located root, Function<String, String> env) {
        Located settings = root.get("litellm_settings");
        Located params = settings.get("cache_params");
        Located absent = params.with(MissingNode.getInstance());
        if (!Boolean.TRUE.equals(flag(settings.get("cache"))) || !params.value().isObject()
                || !"redis".equals(params.value().path("type").asText("redis")) || !params.value().has("host")) {
            return absent;
        }
        String host = LiteLlmValues.text(params.get("host"), env);
        String port = params.value().has("port") ? LiteLlmValues.text(params.get("port"), env)
                : Integer.toString(REDIS_DEFAULT_PORT);
        if (host == null || host.isBlank() || port == null || !port.matches("[0-9]{1,5}")) {
            return absent; // read(…) reports why
        }
        ObjectNode redis = JsonNodeFactory.instance.objectNode();
        boolean tls = params.value().path("ssl").asBoolean(false);
        redis.put("url", (tls ? "rediss://" : "redis://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
        if (params.value().has("password")) {
            redis.set("password", LiteLlmValues.reference(params.get("password")).value());
        }
        if (params.value().path("username").isTextual()) {
            redis.set("username", params.value().get("username"));
        }
        if (params.value().path("socket_timeout").isNumber()) {
            // LiteLLM's socket_timeout (seconds per command) is the redis: section's timeout_ms.
            redis.put("timeout_ms", Math.round(params.value().get("socket_timeout").doubleValue() * 1000));
        }
        redis.set("on_failure", TextNode.valueOf("open"));
        return params.with(redis);
    }

    /**
     * The cache settings the file asks for, every key that does not map reported.
     *
     * @param redis whether the file has a Redis (from {@link #redisSection} or its own)
     */
    static CacheSettings read(Located root, Findings findings, Function<String, String> env, boolean redis) {
        return new LiteLlmCache(findings, env).settings(root.get("litellm_settings"), redis);
    }

    private CacheSettings settings(Located settings, boolean redis) {
        Located on = settings.get("cache");
        Located params = settings.get("cache_params");
        Boolean enabled = fields.bool(on);
        if (!Boolean.TRUE.equals(enabled)) {
            if (!params.isMissing()) {
                findings.warn(params, "ignored: LiteLLM reads cache_params only with cache: true");
            }
            return CacheSettings.OFF;
        }
        if (!fields.isMap(params)) {
            return CacheSettings.OFF;
        }
        Located typeAt = params.get("type");
        String type = typeAt.isMissing() ? "redis" : fields.text(typeAt);
        if (type != null && !TYPES.contains(type)) {
            findings.problem(typeAt, "must be one of " + String.join(", ", TYPES.stream().sorted().toList()));
            return CacheSettings.OFF;
        }
        CacheSettings.Storage storage = storage(type, on, params, redis);
        Duration ttl = fields.seconds(params.get("ttl"), 1, CacheSection.MAX_TTL_SECONDS);
        boolean cached = callTypes(params.get("supported_call_types"))
                && !"default_off".equals(params.value().path("mode").asText());
        if (params.value().isObject()) {
            for (String key : Fields.keys(params)) {
                unmapped(key, "redis".equals(type), params.get(key));
            }
        }
        CacheSettings.ModelCache every = new CacheSettings.ModelCache(ttl != null ? ttl : CacheSettings.DEFAULT_TTL,
                false);
        return new CacheSettings(storage, CacheSettings.DEFAULT_MAX_BYTES, CacheSettings.DEFAULT_MAX_ENTRY_BYTES,
                cached ? every : null, Map.of());
    }

    /** Where answers are kept: Redis for type redis with a Redis to use, memory otherwise (with a warning why). */
    private CacheSettings.Storage storage(String type, Located on, Located params, boolean redis) {
        if (type == null || type.equals("local")) {
            return CacheSettings.Storage.MEMORY;
        }
        if (!type.equals("redis")) {
            findings.warn(params.get("type"), "Gatehouse caches exact matches, in memory or on Redis, not on " + type
                    + ": this file's answers are kept, exactly matched, in each instance's memory");
            return CacheSettings.Storage.MEMORY;
        }
        Located host = params.get("host");
        if (host.isMissing() && redis) {
            // LiteLLM's cache then finds its Redis through REDIS_HOST and friends, which a team sets to
            // the server router_settings names: the one Redis Gatehouse has (LiteLlmRedis).
            return CacheSettings.Storage.REDIS;
        }
        if (host.isMissing()) {
            findings.warn(params.isMissing() ? on : params, "LiteLLM's cache is on Redis, found through REDIS_HOST,"
                    + " REDIS_PORT and REDIS_PASSWORD (or REDIS_URL); Gatehouse does not read them unnamed: give"
                    + " cache_params host, port and password (os.environ/NAME) to share answers between instances;"
                    + " until then each instance keeps its own in memory");
            return CacheSettings.Storage.MEMORY;
        }
        String name = LiteLlmValues.text(host, env);
        if (name == null) {
            findings.problem(host, "must be the Redis host name, or os.environ/NAME naming a set variable");
        }
        fields.bool(params.get("ssl"));
        Located port = params.get("port");
        String number = port.isMissing() ? "6379" : LiteLlmValues.text(port, env);
        if (number == null || !number.matches("[0-9]{1,5}") || Integer.parseInt(number) == 0
                || Integer.parseInt(number) > 65_535) {
            findings.problem(port, "must be a port number from 1 to 65535");
        }
        return redis ? CacheSettings.Storage.REDIS : CacheSettings.Storage.MEMORY;
    }

    /**
     * Whether Gatehouse caches at all for {@code supported_call_types}: absent, LiteLLM caches every
     * call type; empty, none (its Redis then serves limits only). Gatehouse caches chat completions,
     * completions, messages, responses and embeddings together: a list naming some of them is warned about, and so is every
     * call type Gatehouse does not cache.
     */
    private boolean callTypes(Located at) {
        if (at.isMissing()) {
            return true;
        }
        if (!at.value().isArray()) {
            findings.problem(at, "must be a list of LiteLLM call types, such as [acompletion, aembedding]");
            return false;
        }
        Set<String> routes = new LinkedHashSet<>();
        for (int i = 0; i < at.value().size(); i++) {
            String name = fields.text(at.get(i));
            if (name == null) {
                continue;
            }
            if (CACHED_CALL_TYPES.containsKey(name)) {
                routes.add(CACHED_CALL_TYPES.get(name));
            } else if (UNCACHED_CALL_TYPES.contains(name)) {
                findings.warn(at.get(i), "Gatehouse does not cache " + name + " calls; they are always answered afresh");
            } else {
                findings.warn(at.get(i), "not a LiteLLM call type Gatehouse knows, ignored");
            }
        }
        Set<String> all = new LinkedHashSet<>(List.of("chat completions", "completions", "messages", "responses",
                "embeddings"));
        if (!routes.isEmpty() && !routes.containsAll(all)) {
            all.removeAll(routes);
            findings.warn(at, "Gatehouse caches chat completions, completions, messages, responses and embeddings"
                    + " alike: " + String.join(" and ", all) + " are cached too");
        }
        return !routes.isEmpty();
    }

    /** Reports a cache_params key that does not map; the mapped ones pass. */
    private void unmapped(String key, boolean redisType, Located at) {
        switch (key) {
            case "type", "ttl", "supported_call_types" -> { }
            case "host", "port", "password", "username", "ssl", "socket_timeout" -> {
                if (!redisType) {
                    findings.warn(at, "used with type: redis only, ignored");
                }
            }
            case "namespace" -> findings.warn(at, "not supported, ignored: Gatehouse keeps answers under its own"
                    + " prefix (gatehouse:cache:) and a team's or key's namespace (docs/cache.md)");
            case "mode" -> findings.warn(at, mode(at));
            default -> findings.warn(at, "not supported, ignored");
        }
    }

    /**
     * LiteLLM's {@code mode: default_off} caches only requests that ask ({@code cache: {"use-cache":
     * true}}); Gatehouse caches a model's requests unless they say no, and can not express opting in.
     * Off is the reading that never serves a stored answer to a caller who did not ask for one.
     */
    private static String mode(Located at) {
        if ("default_off".equals(at.value().asText())) {
            return "not supported: Gatehouse caches every request of a cached model unless it asks not to"
                    + " (cache-control: no-cache, no-store) and can not cache only the requests that ask (use-cache),"
                    + " so the cache stays off; remove mode to cache every request";
        }
        return "not supported, ignored";
    }

    /** A boolean, or null when it is not one (reported by {@link #read}). */
    private static Boolean flag(Located at) {
        return at.value().isBoolean() ? at.value().booleanValue() : null;
    }
}
