package dev.gatehouse.server.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What one request asks of the cache: from the {@code cache-control} header (its request
 * directives as RFC 9111 reads them), {@code x-gatehouse-cache-ttl}, and LiteLLM's {@code cache}
 * body field. A bad value is a 400 naming it, in the route's error format, before anything is
 * recorded (docs/cache.md, "Storage", "Per request").
 *
 * @param lookup whether a stored answer may be served ({@code no-cache} says no: a fresh answer)
 * @param store  whether the answer may be kept ({@code no-store} says no)
 * @param ttl    how long to keep it, or null for the model's setting
 * @param maxAge the oldest stored answer the caller accepts ({@code max-age}, {@code s-maxage}), or null for any
 * @param namespace LiteLLM's {@code cache.namespace}: a part of the tenant's cache of the caller's
 *     choosing (answers kept in one are found only by requests naming it), or null
 */
public record CacheDirectives(boolean lookup, boolean store, Duration ttl, Duration maxAge, String namespace) {

    /** Neither header nor field: look up and store, for the model's TTL. */
    public static final CacheDirectives DEFAULT = new CacheDirectives(true, true, null, null, null);

    /** A caller's namespace is a label, not a place to store text: bounded, and of the characters labels use. */
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

    /** Without a namespace of the caller's. */
    public CacheDirectives(boolean lookup, boolean store, Duration ttl, Duration maxAge) {
        this(lookup, store, ttl, maxAge, null);
    }

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,10}");
    private static final Set<String> LITELLM_FIELDS = Set.of("ttl", "s-maxage", "no-cache", "no-store", "namespace",
            "use-cache");

    /**
     * Reads the directives.
     *
     * @param cacheControl the {@code cache-control} header, or null
     * @param ttlHeader    the {@code x-gatehouse-cache-ttl} header (seconds), or null
     * @param cacheField   the body's {@code cache} member, or null (LiteLLM's per-request controls)
     */
    public static CacheDirectives read(String cacheControl, String ttlHeader, JsonNode cacheField) {
        boolean lookup = true;
        boolean store = true;
        Duration ttl = null;
        Duration maxAge = null;
        String namespace = null;
        if (cacheControl != null) {
            for (String part : cacheControl.split(",")) {
                String directive = part.trim().toLowerCase(Locale.ROOT);
                if (directive.equals("no-cache")) {
                    lookup = false;
                } else if (directive.equals("no-store")) {
                    store = false;
                } else if (directive.startsWith("max-age=") || directive.startsWith("s-maxage=")) {
                    maxAge = seconds(directive.substring(directive.indexOf('=') + 1), "cache-control", true);
                }
                // Any other directive (only-if-cached, max-stale, …) is left alone, as RFC 9111 has caches do.
            }
        }
        if (ttlHeader != null) {
            ttl = seconds(ttlHeader.trim(), "x-gatehouse-cache-ttl", false);
        }
        if (cacheField != null && !cacheField.isNull()) {
            if (!cacheField.isObject()) {
                throw new GatewayException.BadRequest("cache must be an object such as {\"ttl\": 300, \"no-cache\": true}",
                        "cache");
            }
            for (var names = cacheField.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!LITELLM_FIELDS.contains(name)) {
                    throw new GatewayException.BadRequest("cache." + name + " is not supported; the cache takes ttl,"
                            + " s-maxage, no-cache, no-store, namespace and use-cache", "cache." + name);
                }
            }
            lookup &= !flag(cacheField, "no-cache");
            store &= !flag(cacheField, "no-store");
            // LiteLLM's opt-in for a cache that is off by default; false here asks for a fresh answer, kept nowhere.
            if (cacheField.has("use-cache") && !cacheField.get("use-cache").isNull() && !flag(cacheField, "use-cache")) {
                lookup = false;
                store = false;
            }
            JsonNode named = cacheField.get("namespace");
            if (named != null && !named.isNull()) {
                if (!named.isTextual() || !NAMESPACE.matcher(named.asText()).matches()) {
                    throw new GatewayException.BadRequest("cache.namespace must be 1 to 128 letters, digits or . _ : / -",
                            "cache.namespace");
                }
                namespace = named.asText();
            }
            if (cacheField.has("ttl")) {
                ttl = seconds(number(cacheField, "ttl"), "cache.ttl", false);
            }
            if (cacheField.has("s-maxage")) {
                maxAge = seconds(number(cacheField, "s-maxage"), "cache.s-maxage", true);
            }
        }
        return new CacheDirectives(lookup, store, ttl, maxAge, namespace);
    }

    /**
     * The request body without LiteLLM's {@code cache} field, for the route's reader: the field
     * speaks to this cache and must not reach an upstream (which would refuse it). A copy when the
     * field is there, so the cache still reads it from the body as sent; the body itself otherwise.
     */
    public static JsonNode withoutCacheField(JsonNode body) {
        if (body instanceof ObjectNode object && object.has("cache")) {
            ObjectNode copy = object.deepCopy();
            copy.remove("cache");
            return copy;
        }
        return body;
    }

    /** Whether {@code answer} is fresh enough for this request at {@code now}. */
    public boolean accepts(CachedAnswer answer, Instant now) {
        return maxAge == null || !answer.storedAt().plus(maxAge).isBefore(now);
    }

    private static boolean flag(JsonNode cache, String name) {
        JsonNode value = cache.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new GatewayException.BadRequest("cache." + name + " must be true or false", "cache." + name);
        }
        return value.booleanValue();
    }

    private static String number(JsonNode cache, String name) {
        JsonNode value = cache.get(name);
        if (!value.isIntegralNumber()) {
            throw new GatewayException.BadRequest("cache." + name + " must be a whole number of seconds", "cache." + name);
        }
        return value.asText();
    }

    /** Whole seconds; zero only where it means something (an age of 0: nothing stored is fresh enough). */
    private static Duration seconds(String text, String where, boolean zeroAllowed) {
        if (!SECONDS.matcher(text).matches() || (!zeroAllowed && Long.parseLong(text) == 0)) {
            throw new GatewayException.BadRequest(where + " must be a whole number of seconds"
                    + (zeroAllowed ? "" : ", more than 0"), where);
        }
        return Duration.ofSeconds(Long.parseLong(text));
    }
}
