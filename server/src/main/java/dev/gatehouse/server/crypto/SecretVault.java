package dev.gatehouse.server.crypto;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.auth.KeyFormat;
import dev.gatehouse.server.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Provider credentials stored in the database, encrypted: each under its own data key, each data
 * key wrapped by the keyring's primary master key (see {@link Envelope}). Values leave this class
 * only as {@link Secret}s; listings carry names, ids and dates, never values.
 */
public final class SecretVault {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    static final int MAX_VALUE_CHARS = 32 * 1024;

    private final Database database;
    private final MasterKeyring keyring;
    private final AuditLog audit;
    private final Clock clock;

    public SecretVault(Database database, MasterKeyring keyring, AuditLog audit, Clock clock) {
        this.database = database;
        this.keyring = keyring;
        this.audit = audit;
        this.clock = clock;
    }

    /** A stored credential as listings show it. */
    public record Entry(String name, String id, String masterKeyId, long createdAt, long updatedAt, Long lastUsedAt) {}

    /**
     * Stores {@code value} under {@code name}; replaces (rotates) an existing one. The new value is
     * sealed under a new data key and a new record id.
     */
    public Entry put(String name, Secret value, Actor actor) {
        checkName(name);
        String plain = value.reveal();
        if (plain.isBlank()) {
            throw new IllegalArgumentException("the credential is empty");
        }
        if (plain.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("the credential is longer than " + MAX_VALUE_CHARS + " characters");
        }
        long now = clock.millis();
        String id = KeyFormat.newId("cred");
        MasterKey master = keyring.primary();
        Envelope.Sealed sealed = Envelope.seal(master, id, name, plain);
        boolean replaced = database.inTransaction(tx -> {
            Optional<Long> created = tx.queryOne("SELECT created_at FROM stored_secrets WHERE name = ? FOR UPDATE",
                    row -> row.getLong(1), name);
            if (created.isPresent()) {
                tx.update("UPDATE stored_secrets SET id = ?, master_key_id = ?, wrapped_key = ?, ciphertext = ?,"
                        + " updated_at = ? WHERE name = ?", id, sealed.masterKeyId(), sealed.wrappedKey(),
                        sealed.ciphertext(), now, name);
            } else {
                tx.update("INSERT INTO stored_secrets (name, id, master_key_id, wrapped_key, ciphertext, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", name, id, sealed.masterKeyId(),
                        sealed.wrappedKey(), sealed.ciphertext(), now, now);
            }
            return created.isPresent();
        });
        audit.append(actor.event(replaced ? "credential.rotated" : "credential.stored", "credential:" + name)
                .with("id", id).with("master_key", master.id()));
        return entry(name).orElseThrow();
    }

    /** The credential's value, for a deployment's upstream calls; marks it used. */
    public Optional<Secret> get(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Optional<String[]> row = database.queryOne("SELECT id, master_key_id, wrapped_key, ciphertext FROM"
                + " stored_secrets WHERE name = ?", r -> new String[] {r.getString(1), r.getString(2), r.getString(3),
                        r.getString(4)}, name);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String[] r = row.get();
        MasterKey master = keyring.find(r[1]).orElseThrow(() -> new MasterKeyException("credential " + name
                + " is sealed under master key " + r[1] + ", which the keyring does not hold"));
        String value = Envelope.open(master, r[0], name, new Envelope.Sealed(r[1], r[2], r[3]));
        database.update("UPDATE stored_secrets SET last_used_at = ? WHERE name = ?", clock.millis(), name);
        return Optional.of(Secret.of(value));
    }

    public List<Entry> list() {
        return database.query("SELECT name, id, master_key_id, created_at, updated_at, last_used_at FROM stored_secrets"
                + " ORDER BY name", SecretVault::entry);
    }

    public Optional<Entry> entry(String name) {
        return database.queryOne("SELECT name, id, master_key_id, created_at, updated_at, last_used_at FROM"
                + " stored_secrets WHERE name = ?", SecretVault::entry, name);
    }

    public void delete(String name, Actor actor) {
        checkName(name);
        if (database.update("DELETE FROM stored_secrets WHERE name = ?", name) == 0) {
            throw new NoSuchElementException("no stored credential named " + name);
        }
        audit.append(actor.event("credential.deleted", "credential:" + name));
    }

    /**
     * Re-wraps every data key that is not under the primary master key with the primary, one
     * record per transaction; values are not re-encrypted and never leave memory. Gateways
     * running meanwhile keep working: they hold the values they resolved at start, and a
     * keyring with both keys opens records in either state. Returns how many were re-wrapped.
     */
    public int rewrapAll(Actor actor) {
        MasterKey to = keyring.primary();
        int count = 0;
        for (Entry entry : list()) {
            if (entry.masterKeyId().equals(to.id())) {
                continue;
            }
            MasterKey from = keyring.find(entry.masterKeyId()).orElseThrow(() -> new MasterKeyException("credential "
                    + entry.name() + " is sealed under master key " + entry.masterKeyId()
                    + ", which the keyring does not hold"));
            count += database.inTransaction(tx -> {
                Optional<String[]> row = tx.queryOne("SELECT id, master_key_id, wrapped_key FROM stored_secrets"
                        + " WHERE name = ? FOR UPDATE", r -> new String[] {r.getString(1), r.getString(2),
                                r.getString(3)}, entry.name());
                if (row.isEmpty() || !row.get()[1].equals(from.id())) {
                    return 0; // deleted or re-wrapped meanwhile
                }
                String wrapped = Envelope.rewrap(from, to, row.get()[0], entry.name(), row.get()[2]);
                return tx.update("UPDATE stored_secrets SET master_key_id = ?, wrapped_key = ? WHERE name = ?",
                        to.id(), wrapped, entry.name());
            });
        }
        audit.append(actor.event("master_key.rotated", "master_key:" + to.id()).with("rewrapped", count));
        return count;
    }

    /** How many credentials each master key id seals. */
    public Map<String, Integer> countByMasterKey() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Entry entry : list()) {
            counts.merge(entry.masterKeyId(), 1, Integer::sum);
        }
        return counts;
    }

    public MasterKeyring keyring() {
        return keyring;
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a credential name is 1 to 200 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
    }

    private static Entry entry(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Entry(row.getString("name"), row.getString("id"), row.getString("master_key_id"),
                row.getLong("created_at"), row.getLong("updated_at"), Database.nullableLong(row, "last_used_at"));
    }
}
