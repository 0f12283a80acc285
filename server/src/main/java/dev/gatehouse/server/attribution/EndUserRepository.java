package dev.gatehouse.server.attribution;

import dev.gatehouse.json.Json;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL of {@code end_users} (V7__end_users_and_tags.sql). Every value is a bound parameter. */
final class EndUserRepository {

    private static final String COLUMNS = "id, alias, limits, blocked, created_at, updated_at";

    private EndUserRepository() {}

    static void insert(Database.Tx tx, EndUser user) throws SQLException {
        tx.update("INSERT INTO end_users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", user.id(), user.alias(),
                limitsJson(user.limits()), user.blocked(), user.createdAt(), user.updatedAt());
    }

    static void update(Database.Tx tx, EndUser user) throws SQLException {
        tx.update("UPDATE end_users SET alias = ?, limits = ?, blocked = ?, updated_at = ? WHERE id = ?", user.alias(),
                limitsJson(user.limits()), user.blocked(), user.updatedAt(), user.id());
    }

    static int delete(Database.Tx tx, String id) throws SQLException {
        return tx.update("DELETE FROM end_users WHERE id = ?", id);
    }

    static Optional<EndUser> find(Database.Tx tx, String id) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM end_users WHERE id = ?", EndUserRepository::row, id);
    }

    static List<EndUser> all(Database.Tx tx) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM end_users ORDER BY id", EndUserRepository::row);
    }

    private static String limitsJson(Limits limits) {
        return Json.text(limits.write(Json.object()));
    }

    private static EndUser row(ResultSet row) throws SQLException {
        return new EndUser(row.getString("id"), row.getString("alias"),
                Limits.read(Json.parseUpstream(row.getString("limits"), "store"), Limits.NONE),
                row.getBoolean("blocked"), row.getLong("created_at"), row.getLong("updated_at"));
    }
}
