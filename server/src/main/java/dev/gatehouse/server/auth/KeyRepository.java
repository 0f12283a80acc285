package dev.gatehouse.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The SQL of teams, virtual keys, their hashes and their change feed. Every value is a bound parameter. */
final class KeyRepository {

    private static final String KEY_COLUMNS = "id, name, team_id, allowed_models, allowed_endpoints, allowed_cidrs,"
            + " expires_at, limits, metadata, status, created_at, updated_at, revoked_at";
    private static final String TEAM_COLUMNS = "id, name, allowed_models, limits, metadata, created_at, updated_at";

    private KeyRepository() {}

    /** A key found by one of its secrets' hashes, with the end of that secret's grace period. */
    record Found(VirtualKey key, Optional<Team> team, Long notAfter) {}

    static void insertTeam(Database.Tx tx, Team team) throws SQLException {
        tx.update("INSERT INTO teams (" + TEAM_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", team.id(), team.name(),
                strings(team.models()), team.limits().toJson(), Json.text(team.metadata()), team.createdAt(),
                team.updatedAt());
    }

    static void updateTeam(Database.Tx tx, Team team) throws SQLException {
        tx.update("UPDATE teams SET name = ?, allowed_models = ?, limits = ?, metadata = ?, updated_at = ? WHERE id = ?",
                team.name(), strings(team.models()), team.limits().toJson(), Json.text(team.metadata()),
                team.updatedAt(), team.id());
    }

    static Optional<Team> team(Database.Tx tx, String id) throws SQLException {
        return tx.queryOne("SELECT " + TEAM_COLUMNS + " FROM teams WHERE id = ?", KeyRepository::team, id);
    }

    static List<Team> teams(Database.Tx tx) throws SQLException {
        return tx.query("SELECT " + TEAM_COLUMNS + " FROM teams ORDER BY created_at, id", KeyRepository::team);
    }

    static int deleteTeam(Database.Tx tx, String id) throws SQLException {
        return tx.update("DELETE FROM teams WHERE id = ?", id);
    }

    static void insertKey(Database.Tx tx, VirtualKey key) throws SQLException {
        tx.update("INSERT INTO virtual_keys (" + KEY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key.id(), key.name(), key.teamId(), strings(key.models()), endpoints(key.endpoints()),
                strings(key.cidrs().stream().map(Cidr::text).toList()), key.expiresAt(), key.limits().toJson(),
                Json.text(key.metadata()), key.status().wireName(), key.createdAt(), key.updatedAt(), key.revokedAt());
    }

    static void updateKey(Database.Tx tx, VirtualKey key) throws SQLException {
        tx.update("UPDATE virtual_keys SET name = ?, team_id = ?, allowed_models = ?, allowed_endpoints = ?,"
                + " allowed_cidrs = ?, expires_at = ?, limits = ?, metadata = ?, status = ?, updated_at = ?,"
                + " revoked_at = ? WHERE id = ?", key.name(), key.teamId(), strings(key.models()),
                endpoints(key.endpoints()), strings(key.cidrs().stream().map(Cidr::text).toList()), key.expiresAt(),
                key.limits().toJson(), Json.text(key.metadata()), key.status().wireName(), key.updatedAt(),
                key.revokedAt(), key.id());
    }

    static Optional<VirtualKey> key(Database.Tx tx, String id) throws SQLException {
        return tx.queryOne("SELECT " + KEY_COLUMNS + " FROM virtual_keys WHERE id = ?", KeyRepository::key, id);
    }

    static List<VirtualKey> keys(Database.Tx tx, String teamId) throws SQLException {
        return teamId == null
                ? tx.query("SELECT " + KEY_COLUMNS + " FROM virtual_keys ORDER BY created_at, id", KeyRepository::key)
                : tx.query("SELECT " + KEY_COLUMNS + " FROM virtual_keys WHERE team_id = ? ORDER BY created_at, id",
                        KeyRepository::key, teamId);
    }

    static int activeKeysOfTeam(Database.Tx tx, String teamId) throws SQLException {
        return tx.queryOne("SELECT COUNT(*) FROM virtual_keys WHERE team_id = ? AND status = 'active'",
                row -> row.getInt(1), teamId).orElse(0);
    }

    static void insertHash(Database.Tx tx, String hash, String keyId, long now) throws SQLException {
        tx.update("INSERT INTO key_hashes (hash, key_id, created_at, not_after) VALUES (?, ?, ?, NULL)", hash, keyId, now);
    }

    /** A secret brought from another gateway, by its hash, with its end and where it came from. */
    static void insertImportedHash(Database.Tx tx, ImportedSecret secret, String keyId, long now, String origin)
            throws SQLException {
        tx.update("INSERT INTO key_hashes (hash, key_id, created_at, not_after, origin) VALUES (?, ?, ?, ?, ?)",
                secret.hash(), keyId, now, secret.notAfter(), origin);
    }

    /** The id of the key a hash opens (whether or not that secret has ended). */
    static Optional<String> keyIdOfHash(Database.Tx tx, String hash) throws SQLException {
        return tx.queryOne("SELECT key_id FROM key_hashes WHERE hash = ?", r -> r.getString(1), hash);
    }

    /** The latest end of a secret of {@code origin}; 0 when there is none. */
    static long lastEndOfOrigin(Database.Tx tx, String origin) throws SQLException {
        return tx.queryOne("SELECT COALESCE(MAX(not_after), 0) FROM key_hashes WHERE origin = ?", r -> r.getLong(1),
                origin).orElse(0L);
    }

    /** Per key, the latest end of its secrets of {@code origin} that have not ended at {@code now}. */
    static java.util.Map<String, Long> openSecretsOfOrigin(Database.Tx tx, String origin, long now)
            throws SQLException {
        java.util.Map<String, Long> ends = new java.util.HashMap<>();
        tx.query("SELECT key_id, MAX(not_after) FROM key_hashes WHERE origin = ? AND not_after > ? GROUP BY key_id",
                r -> ends.put(r.getString(1), r.getLong(2)), origin, now);
        return ends;
    }

    /** {@link #openSecretsOfOrigin} for one key: the last end of its open secrets of that origin, if any. */
    static Optional<Long> openSecretOfOrigin(Database.Tx tx, String origin, String keyId, long now)
            throws SQLException {
        // Grouped so that a key without one gives no row rather than a row holding null.
        return tx.queryOne("SELECT MAX(not_after) FROM key_hashes WHERE origin = ? AND key_id = ? AND not_after > ?"
                + " GROUP BY key_id", r -> r.getLong(1), origin, keyId, now);
    }

    /** Ends every current secret of the key at {@code notAfter} (a rotation's grace period). */
    static void retireHashes(Database.Tx tx, String keyId, long notAfter) throws SQLException {
        tx.update("UPDATE key_hashes SET not_after = ? WHERE key_id = ? AND (not_after IS NULL OR not_after > ?)",
                notAfter, keyId, notAfter);
    }

    static Optional<Found> findByHash(Database.Tx tx, String hash) throws SQLException {
        Optional<Object[]> row = tx.queryOne("SELECT key_id, not_after FROM key_hashes WHERE hash = ?",
                r -> new Object[] {r.getString(1), Database.nullableLong(r, "not_after")}, hash);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<VirtualKey> key = key(tx, (String) row.get()[0]);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<Team> team = key.get().teamId() == null ? Optional.empty() : team(tx, key.get().teamId());
        return Optional.of(new Found(key.get(), team, (Long) row.get()[1]));
    }

    static void recordChange(Database.Tx tx, String keyId, String teamId, long now) throws SQLException {
        tx.update("INSERT INTO key_changes (key_id, team_id, at) VALUES (?, ?, ?)", keyId, teamId, now);
    }

    /** A change seen in the feed. */
    record Change(long seq, String keyId, String teamId) {}

    /**
     * Changes after {@code seq}, and also every change since {@code sinceMillis}: a sequence value
     * taken by a transaction that commits late can be lower than one already seen, so the feed
     * rereads a recent window rather than trusting the numbers alone.
     */
    static List<Change> changes(Database.Tx tx, long seq, long sinceMillis) throws SQLException {
        return tx.query("SELECT seq, key_id, team_id FROM key_changes WHERE seq > ? OR at >= ? ORDER BY seq LIMIT 10000",
                r -> new Change(r.getLong(1), r.getString(2), r.getString(3)), seq, sinceMillis);
    }

    static long lastChange(Database.Tx tx) throws SQLException {
        return tx.queryOne("SELECT COALESCE(MAX(seq), 0) FROM key_changes", r -> r.getLong(1)).orElse(0L);
    }

    static int pruneChanges(Database.Tx tx, long before) throws SQLException {
        return tx.update("DELETE FROM key_changes WHERE at < ?", before);
    }

    private static Team team(ResultSet row) throws SQLException {
        return new Team(row.getString("id"), row.getString("name"), stringList(row.getString("allowed_models")),
                Limits.fromJson(row.getString("limits")), object(row.getString("metadata")), row.getLong("created_at"),
                row.getLong("updated_at"));
    }

    private static VirtualKey key(ResultSet row) throws SQLException {
        Set<Endpoint> endpoints = EnumSet.noneOf(Endpoint.class);
        for (String name : stringList(row.getString("allowed_endpoints"))) {
            Endpoint.fromWire(name).ifPresent(endpoints::add);
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (String text : stringList(row.getString("allowed_cidrs"))) {
            cidrs.add(Cidr.parse(text));
        }
        return new VirtualKey(row.getString("id"), row.getString("name"), row.getString("team_id"),
                stringList(row.getString("allowed_models")), endpoints, cidrs, Database.nullableLong(row, "expires_at"),
                Limits.fromJson(row.getString("limits")), object(row.getString("metadata")),
                VirtualKey.Status.valueOf(row.getString("status").toUpperCase(java.util.Locale.ROOT)),
                row.getLong("created_at"), row.getLong("updated_at"), Database.nullableLong(row, "revoked_at"));
    }

    static String strings(Collection<String> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return Json.text(array);
    }

    private static String endpoints(Set<Endpoint> endpoints) {
        return strings(endpoints.stream().map(Endpoint::wireName).toList());
    }

    private static List<String> stringList(String json) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : Json.parseUpstream(json, "store")) {
            values.add(item.asText());
        }
        return values;
    }

    private static ObjectNode object(String json) {
        JsonNode node = Json.parseUpstream(json, "store");
        return node instanceof ObjectNode object ? object : Json.object();
    }
}
