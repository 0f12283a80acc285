package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import dev.gatehouse.server.console.ConsoleSession;
import dev.gatehouse.server.console.ConsoleSessions;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * {@code /admin/console/sessions}: who is signed in to the admin console, and the owner's way to
 * end anyone's session at once (a person who left, or whose group was taken away while signed in).
 * Without a console there are none.
 */
final class ConsoleSessionRoutes {

    private final Optional<ConsoleSessions> sessions;

    ConsoleSessionRoutes(Optional<ConsoleSessions> sessions) {
        this.sessions = sessions;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.list("/admin/console/sessions", Permission.OWNER,
                        () -> sessions.map(ConsoleSessions::list).orElse(List.of()), ConsoleSessionRoutes::write),
                AdminRoute.post("/admin/console/sessions/{id}/end", Permission.OWNER, call -> {
                    String id = call.param("id");
                    sessions.orElseThrow(() -> new NoSuchElementException("no console session " + id))
                            .end(id, call.actor());
                    return Reply.ok(Json.object().put("id", id).put("object", "console_session").put("ended", true));
                }));
    }

    /** Never the CSRF token: the id is the cookie's hash, which opens nothing. */
    private static ObjectNode write(ConsoleSession session) {
        ObjectNode out = Json.object().put("id", session.id()).put("object", "console_session")
                .put("subject", session.subject()).put("name", session.name()).put("role", session.role().wireName())
                .put("admin_key_id", session.adminKeyId());
        JsonFields.putInstant(out, "created_at", session.createdAt());
        JsonFields.putInstant(out, "last_seen_at", session.lastSeenAt());
        JsonFields.putInstant(out, "expires_at", session.expiresAt());
        return out;
    }
}
