package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import dev.gatehouse.server.attribution.EndUser;
import dev.gatehouse.server.attribution.EndUserDraft;
import dev.gatehouse.server.attribution.EndUsers;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@code /admin/end-users}: the end users requests name (docs/admin-api.md, "End users"), with
 * the roles of teams: every role reads, the owner and key admins change.
 */
final class EndUserRoutes {

    private final EndUsers endUsers;

    EndUserRoutes(EndUsers endUsers) {
        this.endUsers = endUsers;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.list("/admin/end-users", Permission.READ_KEYS, endUsers::all, EndUserJson::write),
                AdminRoute.post("/admin/end-users", Permission.MANAGE_KEYS, this::create),
                AdminRoute.get("/admin/end-users/{id}", Permission.READ_KEYS, call -> Reply.ok(EndUserJson.write(
                        find(call.param("id"))))),
                AdminRoute.patch("/admin/end-users/{id}", Permission.MANAGE_KEYS, this::update),
                AdminRoute.delete("/admin/end-users/{id}", Permission.MANAGE_KEYS, this::delete));
    }

    private EndUser find(String id) {
        return endUsers.get(id).orElseThrow(() -> new NoSuchElementException("no end user " + id));
    }

    private Reply create(AdminCall call) {
        ObjectNode body = call.body();
        JsonFields.onlyKnown(body, EndUserJson.FIELDS, "an end user");
        String id = JsonFields.text(body, "user_id", null);
        if (id == null) {
            throw JsonFields.bad("user_id", "user_id: an end user needs the id its requests name");
        }
        return Reply.created(EndUserJson.write(endUsers.create(id, EndUserJson.read(body, EndUserDraft.EMPTY),
                call.actor())));
    }

    private Reply update(AdminCall call) {
        String id = call.param("id");
        ObjectNode body = call.body();
        JsonFields.onlyKnown(body, EndUserJson.FIELDS.subList(1, EndUserJson.FIELDS.size()), "an end user change");
        EndUserDraft draft = EndUserJson.read(body, EndUserDraft.of(find(id)));
        return Reply.ok(EndUserJson.write(endUsers.update(id, draft, call.actor())));
    }

    private Reply delete(AdminCall call) {
        String id = call.param("id");
        endUsers.delete(id, call.actor());
        return Reply.ok(Json.object().put("user_id", id).put("object", "end_user").put("deleted", true));
    }
}
