package dev.gatehouse.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditEntry;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Virtual keys and their checks, run against each database Gatehouse supports (the subclasses
 * name the store): creation, every kind of refusal, rotation with grace, revocation seen by a
 * second instance.
 */
abstract class KeysContract {

    static final Actor ADMIN = new Actor("admin:admin_test", "127.0.0.1");
    static final InetAddress LOCAL = InetAddress.getLoopbackAddress();

    final MutableClock clock = new MutableClock();
    StoreSettings settings;
    Database database;
    AuditLog audit;
    KeyService keys;
    Authenticator authenticator;

    abstract StoreSettings store();

    @BeforeEach
    void open() {
        settings = store();
        database = Database.open(settings);
        audit = new AuditLog(database);
        keys = new KeyService(database, audit, clock);
        authenticator = new Authenticator(keys, audit, clock, Duration.ofMinutes(5).toMillis());
        authenticator.useAccessGroups(model -> model.equals("gemini-flash") ? Set.of("fast") : Set.of());
    }

    @AfterEach
    void close() {
        audit.close();
        database.close();
    }

    Issued<VirtualKey> key(List<String> models) {
        return keys.createKey(draft("k", null, models, Set.of(), List.of()), ADMIN);
    }

    static KeyDraft draft(String name, String team, List<String> models, Set<Endpoint> endpoints, List<Cidr> cidrs) {
        return new KeyDraft(name, team, models, endpoints, cidrs, null, Limits.NONE, Json.object());
    }

    Caller check(String secret) {
        return authenticator.authenticate(Optional.ofNullable(secret), LOCAL, Endpoint.CHAT);
    }

    static void assertRefused(int status, String code, Runnable call) {
        GatewayException e = assertThrows(GatewayException.class, call::run);
        assertEquals(status, e.status(), e.getMessage());
        assertEquals(code, e.code());
    }

    @Test
    void aNewKeyIsShownOnceAndStoredOnlyAsItsHash() {
        Issued<VirtualKey> issued = key(List.of("gpt"));
        assertTrue(KeyFormat.VIRTUAL.matches(issued.secret()), issued.key().id());
        assertTrue(issued.secret().startsWith("gtw_vk_"));
        assertFalse(issued.toString().contains(issued.secret()));
        assertEquals(issued.key().id(), check(issued.secret()).keyId());
        List<String> stored = database.query("SELECT hash FROM key_hashes WHERE key_id = ?", row -> row.getString(1),
                issued.key().id());
        assertEquals(List.of(KeyFormat.hash(issued.secret())), stored);
        assertTrue(database.query("SELECT * FROM virtual_keys", row -> row.getString("id")).size() == 1);
    }

    @Test
    void missingMalformedUnknownRevokedAndExpiredKeysAreAllTheSame401() {
        Issued<VirtualKey> revoked = key(List.of("*"));
        keys.revokeKey(revoked.key().id(), ADMIN);
        Issued<VirtualKey> expiring = keys.createKey(new KeyDraft("e", null, List.of("*"), Set.of(), List.of(),
                clock.millis() + 60_000, Limits.NONE, Json.object()), ADMIN);
        check(expiring.secret());
        clock.advance(Duration.ofMinutes(2));
        String unknown = KeyFormat.VIRTUAL.generate();
        String message = null;
        for (String secret : new String[] {"nonsense", revoked.secret(), expiring.secret(), unknown,
                revoked.secret().substring(0, revoked.secret().length() - 1) + "x"}) {
            GatewayException e = assertThrows(GatewayException.class, () -> check(secret));
            assertEquals(401, e.status());
            assertEquals("invalid_api_key", e.code());
            message = message == null ? e.getMessage() : message;
            assertEquals(message, e.getMessage(), "one message for every kind of bad key");
            assertFalse(e.getMessage().contains(secret));
        }
        GatewayException missing = assertThrows(GatewayException.class, () -> check(null));
        assertEquals(401, missing.status());
    }

    @Test
    void aKeyIsRefusedOutsideItsModelsEndpointsAndAddresses() throws Exception {
        Issued<VirtualKey> issued = keys.createKey(draft("scoped", null, List.of("gpt", "fast"),
                Set.of(Endpoint.CHAT), List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.1.0.0/16"))), ADMIN);
        Caller caller = check(issued.secret());
        authenticator.checkModel(caller, "gpt", LOCAL);
        authenticator.checkModel(caller, "gemini-flash", LOCAL); // through its access group
        assertRefused(403, "model_not_allowed", () -> authenticator.checkModel(caller, "claude", LOCAL));
        assertRefused(403, "endpoint_not_allowed", () -> authenticator.authenticate(Optional.of(issued.secret()),
                LOCAL, Endpoint.EMBEDDINGS));
        InetAddress elsewhere = InetAddress.getByName("192.168.1.9");
        assertRefused(403, "ip_not_allowed", () -> authenticator.authenticate(Optional.of(issued.secret()),
                elsewhere, Endpoint.CHAT));
        authenticator.authenticate(Optional.of(issued.secret()), InetAddress.getByName("10.1.200.3"), Endpoint.CHAT);
        audit.close();
        List<String> denied = database.query("SELECT details FROM audit_log WHERE action = 'scope.denied' ORDER BY seq",
                row -> row.getString(1));
        assertEquals(3, denied.size(), denied.toString());
        assertTrue(denied.get(0).contains("claude") && denied.get(2).contains("192.168.1.9"), denied.toString());
    }

    /** The console's playground names a key by id: the same checks as its secret gets, read from the store. */
    @Test
    void aKeyNamedByIdPassesTheChecksItsSecretWould() throws Exception {
        Team team = keys.createTeam(new TeamDraft("ops", List.of("*"), Limits.NONE, Json.object()), ADMIN);
        Issued<VirtualKey> issued = keys.createKey(draft("by id", team.id(), List.of("gpt"), Set.of(Endpoint.CHAT),
                List.of(Cidr.parse("127.0.0.0/8"))), ADMIN);
        Caller caller = authenticator.authenticateById(issued.key().id(), LOCAL, Endpoint.CHAT).orElseThrow();
        assertEquals(issued.key().id(), caller.keyId());
        assertEquals(team.id(), caller.team().orElseThrow().id(), "with its team, whose scope and limits apply");
        assertTrue(authenticator.authenticateById("key_unknown", LOCAL, Endpoint.CHAT).isEmpty());
        assertRefused(403, "endpoint_not_allowed", () -> authenticator.authenticateById(issued.key().id(), LOCAL,
                Endpoint.EMBEDDINGS));
        InetAddress elsewhere = InetAddress.getByName("192.168.1.9");
        assertRefused(403, "ip_not_allowed", () -> authenticator.authenticateById(issued.key().id(), elsewhere,
                Endpoint.CHAT));

        keys.rotateKey(issued.key().id(), Duration.ZERO, ADMIN);
        assertEquals(issued.key().id(), authenticator.authenticateById(issued.key().id(), LOCAL, Endpoint.CHAT)
                .orElseThrow().keyId(), "a rotation changes the secret, not the key");
        Issued<VirtualKey> expiring = keys.createKey(new KeyDraft("e", null, List.of("*"), Set.of(), List.of(),
                clock.millis() + 60_000, Limits.NONE, Json.object()), ADMIN);
        authenticator.authenticateById(expiring.key().id(), LOCAL, Endpoint.CHAT).orElseThrow();
        clock.advance(Duration.ofMinutes(2));
        assertRefused(401, "invalid_api_key", () -> authenticator.authenticateById(expiring.key().id(), LOCAL,
                Endpoint.CHAT));
        keys.revokeKey(issued.key().id(), ADMIN);
        assertRefused(401, "invalid_api_key", () -> authenticator.authenticateById(issued.key().id(), LOCAL,
                Endpoint.CHAT));
    }

    @Test
    void aTeamBoundsItsKeys() {
        Team team = keys.createTeam(new TeamDraft("research", List.of("gpt", "claude"), Limits.NONE, Json.object()),
                ADMIN);
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class, () -> keys.createKey(
                draft("k", team.id(), List.of("gemini-flash"), Set.of(), List.of()), ADMIN));
        assertTrue(beyond.getMessage().contains("gemini-flash"), beyond.getMessage());
        Issued<VirtualKey> inherits = keys.createKey(draft("k", team.id(), List.of(), Set.of(), List.of()), ADMIN);
        Caller caller = check(inherits.secret());
        authenticator.checkModel(caller, "claude", LOCAL);
        assertRefused(403, "model_not_allowed", () -> authenticator.checkModel(caller, "gemini-flash", LOCAL));
        // Narrowing the team narrows its keys at once.
        keys.updateTeam(team.id(), new TeamDraft("research", List.of("gpt"), Limits.NONE, Json.object()), ADMIN);
        Caller after = check(inherits.secret());
        assertRefused(403, "model_not_allowed", () -> authenticator.checkModel(after, "claude", LOCAL));
    }

    /** Patterns in model lists (docs/routing.md#wildcard-models): a team's openai/* covers a key's openai/gpt-4o. */
    @Test
    void patternsInModelListsAdmitTheNamesTheyMatch() {
        Team team = keys.createTeam(new TeamDraft("wild", List.of("openai/*", "fast"), Limits.NONE, Json.object()),
                ADMIN);
        Issued<VirtualKey> narrow = keys.createKey(draft("k", team.id(), List.of("openai/gpt-4o*"), Set.of(),
                List.of()), ADMIN);
        assertThrows(IllegalArgumentException.class, () -> keys.createKey(
                draft("k", team.id(), List.of("anthropic/*"), Set.of(), List.of()), ADMIN));
        Caller caller = check(narrow.secret());
        authenticator.checkModel(caller, "openai/gpt-4o-mini", LOCAL);
        assertRefused(403, "model_not_allowed", () -> authenticator.checkModel(caller, "openai/o3", LOCAL));
        assertRefused(403, "model_not_allowed", () -> authenticator.checkModel(caller, "xopenai/gpt-4o", LOCAL));
        // An alias is allowed when the key allows it or the model it stands for.
        authenticator.useNames(new dev.gatehouse.routing.ModelNames(java.util.Map.of("quick", "openai/gpt-4o"),
                Set.of(), java.util.Map.of()));
        authenticator.checkModel(caller, "quick", LOCAL);
        Caller inherits = check(keys.createKey(draft("k", team.id(), List.of(), Set.of(), List.of()), ADMIN).secret());
        authenticator.checkModel(inherits, "fast", LOCAL);
        authenticator.useNames(dev.gatehouse.routing.ModelNames.NONE);
        assertRefused(403, "model_not_allowed", () -> authenticator.checkModel(caller, "quick", LOCAL));
    }

    @Test
    void aRotatedKeysOldSecretWorksForItsGracePeriodThenStops() {
        Issued<VirtualKey> first = key(List.of("*"));
        Issued<VirtualKey> second = keys.rotateKey(first.key().id(), Duration.ofHours(1), ADMIN);
        assertFalse(first.secret().equals(second.secret()));
        assertEquals(first.key().id(), check(first.secret()).keyId(), "the old secret works during the grace period");
        assertEquals(first.key().id(), check(second.secret()).keyId());
        clock.advance(Duration.ofMinutes(59));
        check(first.secret());
        clock.advance(Duration.ofMinutes(2));
        assertRefused(401, "invalid_api_key", () -> check(first.secret()));
        check(second.secret());
        Issued<VirtualKey> third = keys.rotateKey(first.key().id(), Duration.ZERO, ADMIN);
        assertRefused(401, "invalid_api_key", () -> check(second.secret()));
        check(third.secret());
    }

    @Test
    void aRevocationOnOneInstanceHoldsOnAnotherAfterOneReadOfTheFeed() {
        Issued<VirtualKey> issued = key(List.of("*"));
        try (Database otherDb = Database.open(settings); AuditLog otherAudit = new AuditLog(otherDb)) {
            KeyService otherKeys = new KeyService(otherDb, otherAudit, clock);
            Authenticator other = new Authenticator(otherKeys, otherAudit, clock, Duration.ofMinutes(5).toMillis());
            try (KeyChangeFeed feed = new KeyChangeFeed(otherKeys, other, clock, Duration.ofHours(1))) {
                other.authenticate(Optional.of(issued.secret()), LOCAL, Endpoint.CHAT); // now cached there
                keys.revokeKey(issued.key().id(), ADMIN);
                assertRefused(401, "invalid_api_key", () -> check(issued.secret()));
                other.authenticate(Optional.of(issued.secret()), LOCAL, Endpoint.CHAT); // still cached: no poll yet
                feed.pollOnce();
                assertRefused(401, "invalid_api_key", () -> other.authenticate(Optional.of(issued.secret()), LOCAL,
                        Endpoint.CHAT));
            }
        }
    }

    @Test
    void everyKeyChangeIsAudited() {
        Issued<VirtualKey> issued = key(List.of("*"));
        keys.rotateKey(issued.key().id(), Duration.ofMinutes(1), ADMIN);
        keys.revokeKey(issued.key().id(), ADMIN);
        List<AuditEntry> entries = audit.list(0, 100);
        assertEquals(List.of("key.created", "key.rotated", "key.revoked"),
                entries.stream().map(AuditEntry::action).toList());
        entries.forEach(entry -> {
            assertEquals("admin:admin_test", entry.actor());
            assertEquals("key:" + issued.key().id(), entry.target());
            assertFalse(entry.details().contains(issued.secret()));
        });
    }

    @Test
    void badDraftsAreRefusedWithTheField() {
        Map<String, Runnable> cases = Map.of(
                "name", () -> keys.createKey(draft(" ", null, List.of("*"), Set.of(), List.of()), ADMIN),
                "models", () -> keys.createKey(draft("k", null, List.of(), Set.of(), List.of()), ADMIN),
                "team_id", () -> keys.createKey(draft("k", "team_nope", List.of("*"), Set.of(), List.of()), ADMIN),
                "expires", () -> keys.createKey(new KeyDraft("k", null, List.of("*"), Set.of(), List.of(),
                        clock.millis() - 1, Limits.NONE, Json.object()), ADMIN));
        cases.forEach((field, call) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
        });
        assertThrows(java.util.NoSuchElementException.class, () -> keys.revokeKey("key_nope", ADMIN));
    }
    @Test
    void anImportedLiteLlmSecretOpensItsKeyUntilItsEndAndRotationReplacesIt() {
        String secret = "sk-Fq3vJc8W1nZrT0pXa2LmQw";
        long end = clock.millis() + Duration.ofDays(30).toMillis();
        List<ImportedSecret> secrets = List.of(new ImportedSecret(KeyFormat.hash(secret), end));
        VirtualKey key = keys.importKey(draft("imported", null, List.of("*"), Set.of(), List.of()), secrets,
                clock.millis() - 1000, ADMIN).orElseThrow();
        assertEquals(key.id(), check(secret).keyId());
        assertEquals(key.id(), keys.keyBySecret(secret).orElseThrow().id());
        assertEquals(Map.of(key.id(), end), keys.openLiteLlmSecrets());
        assertEquals(java.util.Optional.of(end), keys.openLiteLlmSecretOf(key.id()));
        assertTrue(keys.importKey(draft("again", null, List.of("*"), Set.of(), List.of()), secrets, clock.millis(),
                ADMIN).isEmpty(), "a secret is imported once");
        assertEquals(1, keys.keys().size());
        assertRefused(401, "invalid_api_key", () -> check("sk-neverImported0000000000"));

        Issued<VirtualKey> rotated = keys.rotateKey(key.id(), Duration.ofDays(1), ADMIN);
        assertEquals(key.id(), check(secret).keyId(), "within the grace period");
        clock.advance(Duration.ofDays(2));
        assertRefused(401, "invalid_api_key", () -> check(secret));
        assertEquals(key.id(), check(rotated.secret()).keyId());
        assertTrue(keys.openLiteLlmSecrets().isEmpty());
        assertTrue(keys.openLiteLlmSecretOf(key.id()).isEmpty());
        List<String> actions = audit.list(0, 100).stream().map(AuditEntry::action).toList();
        assertTrue(actions.contains("key.imported"), actions.toString());
    }

    @Test
    void anImportedSecretEndsOnItsOwnAndSkStringsAreNotLookedUpAfterwards() {
        String secret = "sk-pL2m-Xc5Wq8Ej3Nt0Ys4Bv";
        keys.importKey(draft("imported", null, List.of("*"), Set.of(), List.of()), List.of(new ImportedSecret(
                KeyFormat.hash(secret), clock.millis() + Duration.ofHours(1).toMillis())), clock.millis(), ADMIN)
                .orElseThrow();
        check(secret);
        clock.advance(Duration.ofHours(2));
        assertRefused(401, "invalid_api_key", () -> check(secret));
        // Every imported secret has ended: an sk- string is refused without the store, even when it is down.
        database.close();
        assertRefused(401, "invalid_api_key", () -> check("sk-neverImported0000000000"));
    }
}
