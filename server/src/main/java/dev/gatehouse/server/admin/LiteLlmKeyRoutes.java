package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import dev.gatehouse.server.auth.Issued;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.KeyFormat;
import dev.gatehouse.server.auth.LiteLlmSecret;
import dev.gatehouse.server.auth.KeyService;
import dev.gatehouse.server.auth.VirtualKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * LiteLLM's key endpoints ({@code /key/generate}, {@code /key/info}, {@code /key/update},
 * {@code /key/delete}, {@code /key/regenerate}) for users migrating, mapped onto {@link KeyService}
 * with the fields that have a Gatehouse meaning. Every other LiteLLM field is refused by name,
 * never ignored. Field names follow LiteLLM's documentation:
 * https://docs.litellm.ai/docs/proxy/virtual_keys (request and response of each endpoint) and the
 * endpoint descriptions in LiteLLM's {@code litellm/proxy/management_endpoints/key_management_endpoints.py}.
 *
 * <p>A key is named by its secret ({@code key}, as LiteLLM does) or by its Gatehouse id. Answers
 * name keys by id ({@code token_id}, and {@code key} where LiteLLM echoes the key asked about), so
 * a secret appears in an answer only when it was just made.
 */
final class LiteLlmKeyRoutes {

    /** LiteLLM field → Gatehouse field, for the fields that map one to one. */
    private static final Map<String, String> SAME = Map.ofEntries(
            Map.entry("key_alias", "name"), Map.entry("team_id", "team_id"), Map.entry("models", "models"),
            Map.entry("duration", "duration"), Map.entry("metadata", "metadata"),
            Map.entry("max_budget", "max_budget"), Map.entry("soft_budget", "soft_budget"),
            Map.entry("tpm_limit", "tpm_limit"), Map.entry("rpm_limit", "rpm_limit"),
            Map.entry("max_parallel_requests", "max_parallel_requests"));
    static final List<String> KEY_FIELDS = Stream.concat(SAME.keySet().stream(), Stream.of("budget_duration"))
            .sorted().toList();

    /** The name of a key made without {@code key_alias}. */
    static final String UNNAMED = "unnamed (LiteLLM /key/generate)";

    private final KeyService keys;
    private final Clock clock;
    /** The configured guardrail policies' names: a {@code guardrail_policy} in a key's metadata must be one. */
    private final Set<String> policies;

    LiteLlmKeyRoutes(KeyService keys, Clock clock, Set<String> policies) {
        this.keys = keys;
        this.clock = clock;
        this.policies = Set.copyOf(policies);
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.post("/key/generate", Permission.MANAGE_KEYS, this::generate),
                AdminRoute.get("/key/info", Permission.READ_KEYS, this::info),
                AdminRoute.post("/v2/key/info", Permission.READ_KEYS, this::infoOfMany),
                AdminRoute.post("/key/update", Permission.MANAGE_KEYS, this::update),
                AdminRoute.post("/key/delete", Permission.MANAGE_KEYS, this::delete),
                AdminRoute.post("/key/regenerate", Permission.MANAGE_KEYS, call -> regenerate(call, null)),
                AdminRoute.post("/key/{key}/regenerate", Permission.MANAGE_KEYS,
                        call -> regenerate(call, call.param("key"))));
    }

    private Reply generate(AdminCall call) {
        ObjectNode body = call.body();
        onlyMapped(body, List.of());
        ObjectNode fields = translate(body);
        if (!fields.hasNonNull("name")) {
            fields.put("name", UNNAMED); // key_alias is optional in LiteLLM; a Gatehouse key needs a name
        }
        Issued<VirtualKey> issued = keys.createKey(KeyJson.withPolicy(fields,
                KeyJson.readKnown(fields, KeyJson.EMPTY, clock.millis()), KeyJson.EMPTY, policies), call.actor());
        return Reply.ok(write(issued.key()).put("key", issued.secret()));
    }

    /**
     * {@code GET /key/info?key=...}: {@code {"key": id, "info": {...}}}. A secret given here is in
     * the URL, where proxies' access logs keep it: {@code POST /v2/key/info} takes it in the body.
     */
    private Reply info(AdminCall call) {
        String given = call.query("key").orElseThrow(() -> JsonFields.bad("key",
                "key: name the key to describe, as ?key=<key or key id>"));
        VirtualKey key = resolve(given);
        ObjectNode out = Json.object().put("key", key.id());
        out.set("info", write(key));
        return Reply.ok(out);
    }

    /**
     * {@code POST /v2/key/info} with {@code {"keys": [...]}}, LiteLLM's form that keeps keys out of
     * URLs: {@code {"key": [id, ...], "info": [{...}, ...]}}, in the order asked; all or nothing,
     * like {@code /key/delete}. LiteLLM echoes the keys given; Gatehouse names them by id.
     */
    private Reply infoOfMany(AdminCall call) {
        ObjectNode body = call.body();
        JsonFields.onlyKnown(body, List.of("keys"), "LiteLLM's /v2/key/info");
        List<String> given = JsonFields.strings(body, "keys", null);
        if (given == null || given.isEmpty()) {
            throw JsonFields.bad("keys", "keys: the keys (or key ids) to describe are required");
        }
        ArrayNode ids = Json.array();
        ArrayNode infos = Json.array();
        for (String k : given) {
            VirtualKey key = resolve(k);
            ids.add(key.id());
            infos.add(write(key));
        }
        ObjectNode out = Json.object();
        out.set("key", ids);
        out.set("info", infos);
        return Reply.ok(out);
    }

    private Reply update(AdminCall call) {
        ObjectNode body = call.body();
        onlyMapped(body, List.of("key"));
        VirtualKey key = resolve(requiredKey(body));
        ObjectNode fields = translate(body);
        KeyDraft draft = KeyJson.withPolicy(fields, KeyJson.readKnown(fields, KeyDraft.of(key), clock.millis()),
                KeyDraft.of(key), policies);
        return Reply.ok(write(keys.updateKey(key.id(), draft, call.actor())).put("key", key.id()));
    }

    /** {@code {"keys": [...]}}: revokes every key named, or none if one is unknown. */
    private Reply delete(AdminCall call) {
        ObjectNode body = call.body();
        JsonFields.onlyKnown(body, List.of("keys"), "LiteLLM's /key/delete in Gatehouse (key_aliases is not"
                + " supported: Gatehouse key names are not unique)");
        List<String> given = JsonFields.strings(body, "keys", null);
        if (given == null || given.isEmpty()) {
            throw JsonFields.bad("keys", "keys: the keys to delete are required");
        }
        List<VirtualKey> found = new ArrayList<>();
        for (String k : given) {
            found.add(resolve(k));
        }
        ArrayNode deleted = Json.array();
        for (VirtualKey key : found) {
            deleted.add(keys.revokeKey(key.id(), call.actor()).id());
        }
        ObjectNode out = Json.object();
        out.set("deleted_keys", deleted);
        return Reply.ok(out);
    }

    /**
     * A new secret for the key; the old one is refused at once (LiteLLM replaces the key's token),
     * or after {@code grace_period} (LiteLLM's {@code RegenerateKeyRequest.grace_period}, such as
     * {@code "24h"}). Fields given with it change the key first. Gatehouse always makes the secret
     * itself.
     */
    private Reply regenerate(AdminCall call, String fromPath) {
        ObjectNode body = call.bodyOrEmpty();
        if (body.has("new_key") || body.has("new_master_key")) {
            String field = body.has("new_key") ? "new_key" : "new_master_key";
            throw JsonFields.bad(field, field + ": Gatehouse makes every key's secret itself (256 random bits);"
                    + " a chosen secret is not accepted");
        }
        onlyMapped(body, List.of("key", "grace_period"));
        Duration grace = Duration.ZERO;
        String gracePeriod = JsonFields.text(body, "grace_period", null);
        if (gracePeriod != null) {
            grace = Durations.parse(gracePeriod, "grace_period");
            if (grace.compareTo(KeyService.MAX_GRACE) > 0) {
                throw JsonFields.bad("grace_period", "grace_period: at most " + KeyService.MAX_GRACE.toDays()
                        + " days");
            }
        }
        String given = fromPath != null ? fromPath : requiredKey(body);
        VirtualKey key = resolve(given);
        ObjectNode changes = body.deepCopy();
        changes.remove(List.of("key", "grace_period"));
        if (!changes.isEmpty()) {
            ObjectNode fields = translate(changes);
            keys.updateKey(key.id(), KeyJson.withPolicy(fields, KeyJson.readKnown(fields, KeyDraft.of(key),
                    clock.millis()), KeyDraft.of(key), policies), call.actor());
        }
        Issued<VirtualKey> issued = keys.rotateKey(key.id(), grace, call.actor());
        return Reply.ok(write(keys.key(key.id()).orElse(issued.key())).put("key", issued.secret()));
    }

    private static String requiredKey(JsonNode body) {
        String key = JsonFields.text(body, "key", null);
        if (key == null || key.isBlank()) {
            throw JsonFields.bad("key", "key: the key (or its Gatehouse id) is required");
        }
        return key;
    }

    /** The key a LiteLLM caller names: by its secret, or by its Gatehouse id. */
    private VirtualKey resolve(String given) {
        String k = given.strip();
        var found = KeyFormat.VIRTUAL.matches(k) || LiteLlmSecret.looksLike(k) ? keys.keyBySecret(k) : keys.key(k);
        // The message never repeats what was given: it may be a secret.
        return found.orElseThrow(() -> new NoSuchElementException("no key matches the key or key id given"));
    }

    /** Refuses, by name, every field with no Gatehouse meaning. */
    private static void onlyMapped(ObjectNode body, List<String> also) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEY_FIELDS.contains(name) && !also.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw JsonFields.bad(unknown.getFirst(), "Gatehouse does not support the LiteLLM field"
                    + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + "; the fields that map are "
                    + String.join(", ", KEY_FIELDS) + " (see docs/admin-api.md)");
        }
    }

    /** The LiteLLM body as the admin API's key fields. */
    private static ObjectNode translate(ObjectNode body) {
        ObjectNode out = Json.object();
        SAME.forEach((litellm, gatehouse) -> {
            if (body.has(litellm)) {
                out.set(gatehouse, body.get(litellm));
            }
        });
        if (body.has("budget_duration")) {
            JsonNode value = body.get("budget_duration");
            out.set("budget_duration", value.isNull() ? value : Json.mapper().getNodeFactory().textNode(
                    budgetPeriod(value)));
        }
        return out;
    }

    /** LiteLLM's budget period ({@code 30d}, {@code 1h}, ...) as one of Gatehouse's daily, weekly, monthly. */
    static String budgetPeriod(JsonNode value) {
        String text = value.isTextual() ? value.asText().strip() : "";
        return switch (text) {
            case "1d", "24h", "daily" -> "daily";
            case "7d", "1w", "weekly" -> "weekly";
            case "30d", "1mo", "monthly" -> "monthly";
            default -> throw JsonFields.bad("budget_duration", "budget_duration: Gatehouse resets budgets daily,"
                    + " weekly or monthly (1d, 7d or 30d); '" + value.asText() + "' has no equivalent");
        };
    }

    /** A key as LiteLLM's answers describe it, with the Gatehouse fields LiteLLM has no name for. */
    private static ObjectNode write(VirtualKey key) {
        ObjectNode out = Json.object();
        out.put("token_id", key.id());
        out.put("key_alias", key.name());
        out.put("team_id", key.teamId());
        JsonFields.putStrings(out, "models", key.models());
        JsonFields.putInstant(out, "expires", key.expiresAt());
        key.limits().write(out);
        out.put("budget_duration", switch (String.valueOf(key.limits().budgetPeriod())) {
            case "daily" -> "1d";
            case "weekly" -> "7d";
            case "monthly" -> "30d";
            default -> null;
        });
        out.set("metadata", key.metadata());
        out.put("blocked", key.status() == VirtualKey.Status.REVOKED);
        JsonFields.putInstant(out, "created_at", key.createdAt());
        JsonFields.putInstant(out, "updated_at", key.updatedAt());
        return out;
    }
}
