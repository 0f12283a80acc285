package dev.gatehouse.server.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditEntry;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.MutableClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stored credentials on each database: sealed at rest, listed without values, master key rotation. */
abstract class VaultContract {

    static final String VALUE = "sk-proj-StoredCredential-Rk29Vn47Xq";

    final MutableClock clock = new MutableClock();
    StoreSettings settings;
    Database database;
    AuditLog audit;
    MasterKeyring keyring;
    SecretVault vault;

    abstract StoreSettings store();

    @BeforeEach
    void open() {
        settings = store();
        database = Database.open(settings);
        audit = new AuditLog(database);
        keyring = MasterKeyring.parse(testKeyring());
        vault = new SecretVault(database, keyring, audit, clock);
    }

    static String testKeyring() {
        return dev.gatehouse.server.testing.MasterKeyringText.fresh();
    }

    @AfterEach
    void close() {
        audit.close();
        database.close();
    }

    @Test
    void aStoredCredentialIsSealedAtRestAndOpensAsASecret() {
        vault.put("openai", Secret.of(VALUE), Actor.CLI);
        List<String> rows = database.query("SELECT * FROM stored_secrets", row -> {
            StringBuilder all = new StringBuilder();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                all.append(row.getString(i)).append('|');
            }
            return all.toString();
        });
        assertEquals(1, rows.size());
        assertFalse(rows.getFirst().contains("StoredCredential"), rows.getFirst());
        Secret secret = vault.get("openai").orElseThrow();
        assertEquals(VALUE, secret.reveal());
        assertFalse(secret.toString().contains(VALUE));
        assertFalse(java.io.Serializable.class.isAssignableFrom(secret.getClass()));
        assertNotNull(vault.entry("openai").orElseThrow().lastUsedAt(), "reading marks it used");
        assertTrue(vault.get("nothing-here").isEmpty());
    }

    @Test
    void listingsAndTheAuditLogNeverCarryValues() {
        vault.put("openai", Secret.of(VALUE), Actor.CLI);
        vault.put("openai", Secret.of(VALUE + "-rotated"), Actor.CLI);
        vault.delete("openai", Actor.CLI);
        assertEquals(List.of(), vault.list());
        List<AuditEntry> entries = audit.list(0, 10);
        assertEquals(List.of("credential.stored", "credential.rotated", "credential.deleted"),
                entries.stream().map(AuditEntry::action).toList());
        entries.forEach(entry -> assertFalse(entry.details().contains("StoredCredential"), entry.details()));
        assertThrows(java.util.NoSuchElementException.class, () -> vault.delete("openai", Actor.CLI));
        assertThrows(IllegalArgumentException.class, () -> vault.put("bad name", Secret.of(VALUE), Actor.CLI));
    }

    @Test
    void rotatingTheMasterKeyRewrapsEveryRecordAndOldGatewaysKeepReading() {
        vault.put("openai", Secret.of(VALUE), Actor.CLI);
        vault.put("anthropic", Secret.of(VALUE + "-2"), Actor.CLI);
        String oldId = keyring.primary().id();
        MasterKeyring next = keyring.withPrimary(MasterKeyring.generate());
        SecretVault rotating = new SecretVault(database, next, audit, clock);
        // A gateway still running with the old keyring reads before and during the rotation.
        assertEquals(VALUE, vault.get("openai").orElseThrow().reveal());
        assertEquals(2, rotating.rewrapAll(Actor.CLI));
        assertEquals(Map.of(next.primary().id(), 2), rotating.countByMasterKey());
        assertEquals(VALUE, rotating.get("openai").orElseThrow().reveal());
        assertEquals(VALUE + "-2", rotating.get("anthropic").orElseThrow().reveal());
        assertThrows(MasterKeyException.class, () -> vault.get("openai"),
                "a keyring without the new key can no longer open the records");
        SecretVault retired = new SecretVault(database, next.without(oldId), audit, clock);
        assertEquals(VALUE, retired.get("openai").orElseThrow().reveal(), "the old key is no longer needed");
        assertEquals(0, rotating.rewrapAll(Actor.CLI), "a second run has nothing to do");
    }
}
