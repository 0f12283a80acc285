package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.auth.Cidr;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.VirtualKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** A virtual key in the admin API's JSON, both ways. The secret and its hash never appear here. */
final class KeyJson {

    static final List<String> FIELDS = Stream.concat(Stream.of("name", "team_id", "models", "endpoints",
            "allowed_ips", "expires", "duration", "metadata", "guardrail_policy"), Limits.FIELDS.stream()).toList();

    /** The store's column sizes for lists and metadata (V1__keys_secrets_audit.sql). */
    static final int MAX_LIST_CHARS = 16_384;
    static final int MAX_METADATA_CHARS = 65_536;

    /** A key with nothing set yet: what a creation request is read over. */
    static final KeyDraft EMPTY = new KeyDraft(null, null, List.of(), Set.of(), List.of(), null, Limits.NONE,
            Json.object());

    private KeyJson() {}

    /**
     * The fields of {@code body} over {@code base}: a whole key for a creation, a change for a PATCH.
     * {@code policies} are the guardrail policies a key may name.
     */
    static KeyDraft read(ObjectNode body, KeyDraft base, long now, Set<String> policies) {
        JsonFields.onlyKnown(body, FIELDS, "a key");
        return withPolicy(body, readKnown(body, base, now), base, policies);
    }

    /**
     * {@code read} with the guardrail policy {@code body} names (or its metadata names) checked
     * against {@code policies}, or {@code base}'s kept ({@link PolicyJson#apply}).
     */
    static KeyDraft withPolicy(JsonNode body, KeyDraft read, KeyDraft base, Set<String> policies) {
        ObjectNode metadata = PolicyJson.apply(body, read.metadata(), base.metadata(), policies);
        JsonFields.fits("metadata", metadata, MAX_METADATA_CHARS);
        return new KeyDraft(read.name(), read.teamId(), read.models(), read.endpoints(), read.cidrs(),
                read.expiresAt(), read.limits(), metadata);
    }

    /** Like {@link #read}, for callers that have already checked which fields are present. */
    static KeyDraft readKnown(JsonNode body, KeyDraft base, long now) {
        String name = JsonFields.text(body, "name", base.name());
        String teamId = JsonFields.text(body, "team_id", base.teamId());
        List<String> models = JsonFields.strings(body, "models", base.models());
        Set<Endpoint> endpoints = endpoints(JsonFields.strings(body, "endpoints", null), base.endpoints());
        List<Cidr> cidrs = cidrs(JsonFields.strings(body, "allowed_ips", null), base.cidrs());
        Long expires = expiry(body, base.expiresAt(), now);
        Limits limits = Limits.read(body, base.limits());
        ObjectNode metadata = JsonFields.object(body, "metadata", base.metadata());
        JsonFields.fits("models", models, MAX_LIST_CHARS);
        JsonFields.fits("allowed_ips", cidrs.stream().map(Cidr::text).toList(), MAX_LIST_CHARS);
        JsonFields.fits("metadata", metadata, MAX_METADATA_CHARS);
        return new KeyDraft(name, teamId, models, endpoints, cidrs, expires, limits, metadata);
    }

    private static Set<Endpoint> endpoints(List<String> names, Set<Endpoint> fallback) {
        if (names == null) {
            return fallback;
        }
        Set<Endpoint> endpoints = EnumSet.noneOf(Endpoint.class);
        for (String name : names) {
            endpoints.add(Endpoint.fromWire(name).orElseThrow(() -> JsonFields.bad("endpoints", "endpoints: '" + name
                    + "' is not one of " + String.join(", ", Arrays.stream(Endpoint.values()).map(Endpoint::wireName)
                            .toList()))));
        }
        return endpoints;
    }

    private static List<Cidr> cidrs(List<String> texts, List<Cidr> fallback) {
        if (texts == null) {
            return fallback;
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (String text : texts) {
            try {
                cidrs.add(Cidr.parse(text));
            } catch (IllegalArgumentException e) {
                throw JsonFields.bad("allowed_ips", "allowed_ips: " + e.getMessage());
            }
        }
        return cidrs;
    }

    /** {@code expires} (an ISO-8601 instant) or {@code duration} (from now), not both. */
    private static Long expiry(JsonNode body, Long fallback, long now) {
        JsonNode expires = body.get("expires");
        JsonNode duration = body.get("duration");
        if (expires != null && !expires.isNull() && duration != null && !duration.isNull()) {
            throw JsonFields.bad("duration", "duration: give either expires or duration, not both");
        }
        if (duration != null) {
            String text = JsonFields.text(body, "duration", null);
            return text == null ? null : now + Durations.parse(text, "duration").toMillis();
        }
        if (expires != null) {
            String text = JsonFields.text(body, "expires", null);
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw JsonFields.bad("expires", "expires: '" + text + "' is not an ISO-8601 instant such as"
                        + " 2030-01-31T00:00:00Z");
            }
        }
        return fallback;
    }

    /**
     * The key as the admin API answers it. {@code liteLlmSecretUntil}: when the key's last open
     * secret imported from LiteLLM stops working (epoch ms), null when it has none; shown so that
     * admins see which keys to rotate (docs/migrating-from-litellm.md). Never the hash itself.
     */
    static ObjectNode write(VirtualKey key, Long liteLlmSecretUntil) {
        ObjectNode out = Json.object().put("id", key.id()).put("object", "key").put("name", key.name())
                .put("team_id", key.teamId());
        JsonFields.putStrings(out, "models", key.models());
        JsonFields.putStrings(out, "endpoints", key.endpoints().stream().map(Endpoint::wireName).sorted().toList());
        JsonFields.putStrings(out, "allowed_ips", key.cidrs().stream().map(Cidr::text).toList());
        JsonFields.putInstant(out, "expires", key.expiresAt());
        out.put("status", key.status().wireName());
        key.limits().write(out);
        out.set("metadata", key.metadata());
        PolicyJson.write(out, key.metadata());
        JsonFields.putInstant(out, "created_at", key.createdAt());
        JsonFields.putInstant(out, "updated_at", key.updatedAt());
        JsonFields.putInstant(out, "revoked_at", key.revokedAt());
        JsonFields.putInstant(out, "litellm_secret_until", liteLlmSecretUntil);
        return out;
    }
}
