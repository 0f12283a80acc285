package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import dev.gatehouse.server.auth.AdminKey;
import dev.gatehouse.server.auth.AdminKeys;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.Issued;
import java.util.Arrays;
import java.util.List;

/** {@code /admin/admin-keys}: the owner's management of admin keys. Secrets are shown once, at creation. */
final class AdminKeyRoutes {

    private final AdminKeys adminKeys;

    AdminKeyRoutes(AdminKeys adminKeys) {
        this.adminKeys = adminKeys;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.list("/admin/admin-keys", Permission.OWNER, adminKeys::list, AdminKeyRoutes::write),
                AdminRoute.post("/admin/admin-keys", Permission.OWNER, this::create),
                AdminRoute.post("/admin/admin-keys/{id}/revoke", Permission.OWNER, call -> Reply.ok(write(
                        adminKeys.revoke(call.param("id"), call.actor())))));
    }

    /** {@code {"name": "...", "role": "owner" | "key-admin" | "auditor"}}. */
    private Reply create(AdminCall call) {
        ObjectNode body = call.body();
        JsonFields.onlyKnown(body, List.of("name", "role"), "an admin key");
        String roleName = JsonFields.text(body, "role", null);
        AdminRole role = AdminRole.fromWire(roleName == null ? "" : roleName).orElseThrow(() -> JsonFields.bad("role",
                "role must be one of " + String.join(", ", Arrays.stream(AdminRole.values()).map(AdminRole::wireName)
                        .toList())));
        Issued<AdminKey> issued = adminKeys.create(JsonFields.text(body, "name", null), role, call.actor());
        return Reply.created(write(issued.key()).put("key", issued.secret()));
    }

    static ObjectNode write(AdminKey key) {
        ObjectNode out = Json.object().put("id", key.id()).put("object", "admin_key").put("name", key.name())
                .put("role", key.role().wireName()).put("status", key.status()).put("created_by", key.createdBy());
        JsonFields.putInstant(out, "created_at", key.createdAt());
        JsonFields.putInstant(out, "revoked_at", key.revokedAt());
        return out;
    }
}
