package dev.gatehouse.server.auth;

import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Admin keys: created by an owner (the first by {@code gatehouse admin bootstrap}), stored as
 * hashes, checked on every admin request against the database (no cache: admin calls are rare,
 * and a revoked admin key must stop at once). A failed admin login is an audit event.
 */
public final class AdminKeys {

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    public AdminKeys(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    public Issued<AdminKey> create(String name, AdminRole role, Actor actor) {
        if (name == null || name.isBlank() || name.length() > KeyService.MAX_NAME) {
            throw new IllegalArgumentException("name: an admin key needs a name of 1 to " + KeyService.MAX_NAME
                    + " characters");
        }
        String secret = KeyFormat.ADMIN.generate();
        AdminKey key = new AdminKey(KeyFormat.newId("admin"), name, role, "active", clock.millis(), actor.name(), null);
        database.update("INSERT INTO admin_keys (id, name, role, hash, status, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", key.id(), key.name(), role.wireName(), KeyFormat.hash(secret),
                key.status(), key.createdAt(), key.createdBy());
        audit.append(actor.event("admin_key.created", "admin:" + key.id()).with("role", role.wireName())
                .with("name", name));
        return new Issued<>(key, secret);
    }

    /** Whether any active owner key exists (bootstrap refuses to make a second first key). */
    public boolean hasOwner() {
        return database.queryOne("SELECT COUNT(*) FROM admin_keys WHERE role = 'owner' AND status = 'active'",
                row -> row.getInt(1)).orElse(0) > 0;
    }

    public List<AdminKey> list() {
        return database.query("SELECT id, name, role, status, created_at, created_by, revoked_at FROM admin_keys"
                + " ORDER BY created_at, id", AdminKeys::key);
    }

    public AdminKey revoke(String id, Actor actor) {
        AdminKey key = database.queryOne("SELECT id, name, role, status, created_at, created_by, revoked_at FROM"
                + " admin_keys WHERE id = ?", AdminKeys::key, id).orElseThrow(() -> new NoSuchElementException(
                        "no admin key " + id));
        if (key.role() == AdminRole.OWNER && key.isActive() && database.queryOne("SELECT COUNT(*) FROM admin_keys"
                + " WHERE role = 'owner' AND status = 'active'", row -> row.getInt(1)).orElse(0) <= 1) {
            throw new IllegalArgumentException("admin key " + id + " is the last active owner key; create another"
                    + " owner key first");
        }
        database.update("UPDATE admin_keys SET status = 'revoked', revoked_at = ? WHERE id = ? AND status = 'active'",
                clock.millis(), id);
        audit.append(actor.event("admin_key.revoked", "admin:" + id));
        return new AdminKey(key.id(), key.name(), key.role(), "revoked", key.createdAt(), key.createdBy(),
                clock.millis());
    }

    /**
     * The active admin key a presented secret opens. A failure is audited with the address it
     * came from, counted per address and minute into one entry (anyone can fail without a key,
     * as often as they like); the secret itself is never recorded.
     */
    public Optional<AdminKey> authenticate(Optional<String> presented, String source) {
        if (presented.isPresent() && KeyFormat.ADMIN.matches(presented.get().strip())) {
            Optional<AdminKey> key = database.queryOne("SELECT id, name, role, status, created_at, created_by,"
                    + " revoked_at FROM admin_keys WHERE hash = ?", AdminKeys::key,
                    KeyFormat.hash(presented.get().strip()));
            if (key.isPresent() && key.get().isActive()) {
                return key;
            }
        }
        audit.adminAuthFailed(source, presented.isEmpty());
        return Optional.empty();
    }

    private static AdminKey key(java.sql.ResultSet row) throws java.sql.SQLException {
        return new AdminKey(row.getString("id"), row.getString("name"),
                AdminRole.fromWire(row.getString("role")).orElseThrow(), row.getString("status"),
                row.getLong("created_at"), row.getString("created_by"), Database.nullableLong(row, "revoked_at"));
    }
}
