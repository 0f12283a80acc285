package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import dev.gatehouse.server.auth.Issued;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.KeyService;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.auth.TeamDraft;
import dev.gatehouse.server.auth.VirtualKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.NoSuchElementException;

/** {@code /admin/teams} and {@code /admin/keys}: teams and virtual keys over {@link KeyService}. */
final class KeyRoutes {

    private final KeyService keys;
    private final Clock clock;
    /** The configured guardrail policies' names, which a key or team may name. */
    private final Set<String> policies;

    KeyRoutes(KeyService keys, Clock clock, Set<String> policies) {
        this.keys = keys;
        this.clock = clock;
        this.policies = Set.copyOf(policies);
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.list("/admin/teams", Permission.READ_KEYS, keys::teams, TeamJson::write),
                AdminRoute.post("/admin/teams", Permission.MANAGE_KEYS, call -> Reply.created(TeamJson.write(
                        keys.createTeam(TeamJson.read(call.body(), TeamJson.EMPTY, policies), call.actor())))),
                AdminRoute.get("/admin/teams/{id}", Permission.READ_KEYS, call -> Reply.ok(TeamJson.write(
                        team(call.param("id"))))),
                AdminRoute.patch("/admin/teams/{id}", Permission.MANAGE_KEYS, this::updateTeam),
                AdminRoute.delete("/admin/teams/{id}", Permission.MANAGE_KEYS, this::deleteTeam),
                AdminRoute.get("/admin/keys", Permission.READ_KEYS, this::listKeys),
                AdminRoute.post("/admin/keys", Permission.MANAGE_KEYS, this::createKey),
                AdminRoute.get("/admin/keys/{id}", Permission.READ_KEYS, call -> Reply.ok(write(
                        key(call.param("id"))))),
                AdminRoute.patch("/admin/keys/{id}", Permission.MANAGE_KEYS, this::updateKey),
                AdminRoute.post("/admin/keys/{id}/rotate", Permission.MANAGE_KEYS, this::rotateKey),
                AdminRoute.post("/admin/keys/{id}/revoke", Permission.MANAGE_KEYS, call -> Reply.ok(write(
                        keys.revokeKey(call.param("id"), call.actor())))));
    }

    private Team team(String id) {
        return keys.team(id).orElseThrow(() -> new NoSuchElementException("no team " + id));
    }

    private VirtualKey key(String id) {
        return keys.key(id).orElseThrow(() -> new NoSuchElementException("no key " + id));
    }

    /** One key's answer, with when its imported LiteLLM secret stops working (one query). */
    private ObjectNode write(VirtualKey key) {
        return KeyJson.write(key, keys.openLiteLlmSecretOf(key.id()).orElse(null));
    }

    private Reply updateTeam(AdminCall call) {
        String id = call.param("id");
        ObjectNode body = call.body();
        TeamDraft draft = TeamJson.read(body, TeamDraft.of(team(id)), policies);
        return Reply.ok(TeamJson.write(keys.updateTeam(id, draft, call.actor())));
    }

    private Reply deleteTeam(AdminCall call) {
        String id = call.param("id");
        keys.deleteTeam(id, call.actor());
        return Reply.ok(Json.object().put("id", id).put("object", "team").put("deleted", true));
    }

    private Reply listKeys(AdminCall call) {
        List<VirtualKey> found;
        if (call.query("team_id").isPresent()) {
            String teamId = call.query("team_id").get();
            team(teamId);
            found = keys.keysOf(teamId);
        } else {
            found = keys.keys();
        }
        // One query for the whole list's imported LiteLLM secrets, not one per key.
        Map<String, Long> liteLlmSecrets = keys.openLiteLlmSecrets();
        return Reply.ok(AdminJson.list(found.stream().map(key -> KeyJson.write(key, liteLlmSecrets.get(key.id())))
                .toList()));
    }

    private Reply createKey(AdminCall call) {
        KeyDraft draft = KeyJson.read(call.body(), KeyJson.EMPTY, clock.millis(), policies);
        Issued<VirtualKey> issued = keys.createKey(draft, call.actor());
        // A new key opens only with its new secret: it has no imported one.
        return Reply.created(KeyJson.write(issued.key(), null).put("key", issued.secret()));
    }

    private Reply updateKey(AdminCall call) {
        String id = call.param("id");
        ObjectNode body = call.body();
        KeyDraft draft = KeyJson.read(body, KeyDraft.of(key(id)), clock.millis(), policies);
        return Reply.ok(write(keys.updateKey(id, draft, call.actor())));
    }

    /** {@code {"grace_seconds": N}}, default 24 hours: how long the key's current secrets keep working. */
    private Reply rotateKey(AdminCall call) {
        ObjectNode body = call.bodyOrEmpty();
        JsonFields.onlyKnown(body, List.of("grace_seconds"), "a rotation");
        Duration grace = KeyService.DEFAULT_GRACE;
        if (body.has("grace_seconds")) {
            if (!body.get("grace_seconds").isIntegralNumber() || !body.get("grace_seconds").canConvertToLong()) {
                throw JsonFields.bad("grace_seconds", "grace_seconds must be a whole number of seconds");
            }
            grace = Duration.ofSeconds(body.get("grace_seconds").asLong());
        }
        long now = clock.millis();
        Issued<VirtualKey> issued = keys.rotateKey(call.param("id"), grace, call.actor());
        ObjectNode out = write(keys.key(issued.key().id()).orElse(issued.key()));
        out.put("key", issued.secret());
        JsonFields.putInstant(out, "previous_key_expires", now + grace.toMillis());
        return Reply.ok(out);
    }
}
