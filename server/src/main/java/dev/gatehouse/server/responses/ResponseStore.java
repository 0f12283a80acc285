package dev.gatehouse.server.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.crypto.Envelope;
import dev.gatehouse.server.crypto.MasterKey;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The responses Gatehouse keeps, in the JDBC store (table {@code stored_responses}).
 *
 * <p>What a response holds (the conversation and the answer) is sealed as one value with
 * {@link Envelope}, the way stored credentials are: a data key of its own, wrapped by the
 * keyring's primary master key. The value is bound to the response's id and owner, so a row
 * copied onto another id, or moved to another owner in the database, does not open.
 *
 * <p>Every read names the owner asking: a response of another owner is answered exactly as one that
 * does not exist (the routes turn both into a 404, never a 403, so ids can not be probed). A
 * response older than the retention period is not read either, even before the sweep has deleted it.
 */
public final class ResponseStore {

    /** What a response id can look like; anything else can not be stored, and is not looked up. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final System.Logger LOG = System.getLogger(ResponseStore.class.getName());

    private final Database database;
    private final MasterKeyring keyring;
    private final ResponsesSettings settings;
    private final Clock clock;

    public ResponseStore(Database database, MasterKeyring keyring, ResponsesSettings settings, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ResponsesSettings settings() {
        return settings;
    }

    /**
     * Keeps {@code response}; input items without an id are given one. Returns what was stored
     * (with those ids). A response with the same id is replaced only for the same owner.
     */
    public StoredResponse save(StoredResponse response) {
        if (!ID.matcher(response.id()).matches()) {
            throw new IllegalArgumentException("a stored response id is 1 to 128 letters, digits, '_' or '-'");
        }
        StoredResponse stored = new StoredResponse(response.id(), response.owner(), response.model(),
                response.createdAt(), InputItemIds.assign(response.inputItems()), response.response());
        ObjectNode plain = Json.object();
        plain.set("input", stored.inputItems());
        plain.set("response", stored.response());
        MasterKey master = keyring.primary();
        Envelope.Sealed sealed = Envelope.seal(master, stored.id(), sealedName(stored.owner()), Json.text(plain));
        database.inTransaction(tx -> {
            tx.update("DELETE FROM stored_responses WHERE id = ? AND owner = ?", stored.id(), stored.owner());
            return tx.update("INSERT INTO stored_responses (id, owner, model, created_at, master_key_id, wrapped_key,"
                    + " sealed) VALUES (?, ?, ?, ?, ?, ?, ?)", stored.id(), stored.owner(), stored.model(),
                    stored.createdAt().toEpochMilli(), sealed.masterKeyId(), sealed.wrappedKey(), sealed.ciphertext());
        });
        return stored;
    }

    /** The response {@code id} of {@code owner}; empty when there is none, it is another owner's, or it has expired. */
    public Optional<StoredResponse> find(String id, String owner) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return database.queryOne("SELECT id, owner, model, created_at, master_key_id, wrapped_key, sealed FROM"
                + " stored_responses WHERE id = ? AND owner = ? AND created_at >= ?", this::open, id, owner, cutoff())
                .flatMap(opened -> opened);
    }

    /** Deletes the response {@code id} of {@code owner}; false when there is none for that owner. */
    public boolean delete(String id, String owner) {
        if (id == null || !ID.matcher(id).matches()) {
            return false;
        }
        return database.update("DELETE FROM stored_responses WHERE id = ? AND owner = ? AND created_at >= ?", id,
                owner, cutoff()) > 0;
    }

    /** The retention sweep: deletes the responses older than the retention period; returns how many. */
    public int deleteExpired() {
        if (settings.retentionDays() == 0) {
            return 0;
        }
        return database.update("DELETE FROM stored_responses WHERE created_at < ?", cutoff());
    }

    /** Responses created before this (epoch ms) have expired; with no retention period, none has. */
    private long cutoff() {
        return settings.retentionDays() == 0 ? Long.MIN_VALUE
                : clock.millis() - Duration.ofDays(settings.retentionDays()).toMillis();
    }

    /**
     * The row opened. A response sealed under a master key the keyring no longer holds (retired
     * before the response expired) can never be read again: it is logged and treated as gone. One
     * that does not open under its key was altered or moved, and fails loudly.
     */
    private Optional<StoredResponse> open(ResultSet row) throws SQLException {
        String id = row.getString("id");
        String owner = row.getString("owner");
        String masterKeyId = row.getString("master_key_id");
        Optional<MasterKey> held = keyring.find(masterKeyId);
        if (held.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, () -> "stored response " + id + " is sealed under master key "
                    + masterKeyId + ", which the keyring no longer holds; it can not be read");
            return Optional.empty();
        }
        MasterKey master = held.get();
        String plain = Envelope.open(master, id, sealedName(owner),
                new Envelope.Sealed(masterKeyId, row.getString("wrapped_key"), row.getString("sealed")));
        JsonNode value = Json.parseUpstream(plain, "store");
        return Optional.of(new StoredResponse(id, owner, row.getString("model"),
                Instant.ofEpochMilli(row.getLong("created_at")), (ArrayNode) value.get("input"),
                (ObjectNode) value.get("response")));
    }

    /** The name the sealed value is bound to besides the id: what it is, and whose. */
    private static String sealedName(String owner) {
        return "stored-response\0" + owner;
    }
}
