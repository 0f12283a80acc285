package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import dev.gatehouse.server.crypto.SecretVault;
import java.util.List;

/**
 * {@code /admin/credentials}: stored provider credentials by name. A value goes in (PUT) and never
 * comes out: answers carry names, ids, the master key's id and dates.
 */
final class CredentialRoutes {

    private final ControlPlane control;

    CredentialRoutes(ControlPlane control) {
        this.control = control;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.list("/admin/credentials", Permission.OWNER, () -> control.requireVault().list(),
                        CredentialRoutes::write),
                AdminRoute.put("/admin/credentials/{name}", Permission.OWNER, this::put),
                AdminRoute.delete("/admin/credentials/{name}", Permission.OWNER, call -> {
                    control.requireVault().delete(call.param("name"), call.actor());
                    return Reply.ok(Json.object().put("name", call.param("name")).put("object", "credential")
                            .put("deleted", true));
                }));
    }

    /** {@code {"value": "..."}}: stores or replaces the credential; answered without the value. */
    private Reply put(AdminCall call) {
        SecretVault vault = control.requireVault();
        ObjectNode body = call.body();
        JsonFields.onlyKnown(body, List.of("value"), "a credential");
        JsonNode value = body.get("value");
        if (value == null || !value.isTextual()) {
            throw JsonFields.bad("value", "value: the credential, as a string, is required");
        }
        return Reply.ok(write(vault.put(call.param("name"), Secret.of(value.asText()), call.actor())));
    }

    static ObjectNode write(SecretVault.Entry entry) {
        ObjectNode out = Json.object().put("name", entry.name()).put("object", "credential").put("id", entry.id())
                .put("master_key_id", entry.masterKeyId());
        JsonFields.putInstant(out, "created_at", entry.createdAt());
        JsonFields.putInstant(out, "updated_at", entry.updatedAt());
        JsonFields.putInstant(out, "last_used_at", entry.lastUsedAt());
        return out;
    }
}
