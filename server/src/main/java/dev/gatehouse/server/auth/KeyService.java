package dev.gatehouse.server.auth;

import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Teams and virtual keys: create, change, rotate, revoke. Every change is one transaction that
 * also writes a row to the change feed (so other instances drop what they cached) and is
 * followed by an audit entry. A key's secret is returned once, when it is made, and never stored.
 *
 * <p>Invalid input throws {@link IllegalArgumentException} with a message for the caller; an
 * unknown id throws {@link NoSuchElementException}.
 */
public final class KeyService {

    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    public static final Duration MAX_GRACE = Duration.ofDays(30);
    static final int MAX_NAME = 200;
    static final int MAX_LIST = 1000;

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private volatile Consumer<String> localEviction = id -> {};

    public KeyService(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** Lets this instance's authenticator drop a changed key at once, without waiting for the feed. */
    void onLocalChange(Consumer<String> evictKey) {
        this.localEviction = evictKey;
    }

    // ---- teams

    public Team createTeam(TeamDraft draft, Actor actor) {
        return createTeam(draft, actor, "team.created");
    }

    /** A team brought from LiteLLM: made as {@link #createTeam} makes one, audited as {@code team.imported}. */
    public Team importTeam(TeamDraft draft, Actor actor) {
        return createTeam(draft, actor, "team.imported");
    }

    private Team createTeam(TeamDraft draft, Actor actor, String action) {
        checkTeam(draft);
        long now = clock.millis();
        Team team = new Team(KeyFormat.newId("team"), draft.name(), draft.models(), draft.limits(), draft.metadata(),
                now, now);
        try {
            database.inTransaction(tx -> {
                KeyRepository.insertTeam(tx, team);
                return null;
            });
        } catch (RuntimeException e) {
            if (teamNamed(draft.name()).isPresent()) {
                throw new IllegalArgumentException("a team named '" + draft.name() + "' already exists");
            }
            throw e;
        }
        audit.append(actor.event(action, "team:" + team.id()).with("name", team.name())
                .with("models", String.join(",", team.models())));
        return team;
    }

    public Team updateTeam(String id, TeamDraft draft, Actor actor) {
        checkTeam(draft);
        Team updated = database.inTransaction(tx -> {
            Team current = KeyRepository.team(tx, id).orElseThrow(() -> new NoSuchElementException("no team " + id));
            Team next = new Team(id, draft.name(), draft.models(), draft.limits(), draft.metadata(),
                    current.createdAt(), clock.millis());
            KeyRepository.updateTeam(tx, next);
            KeyRepository.recordChange(tx, null, id, clock.millis());
            return next;
        });
        keysOf(id).forEach(key -> localEviction.accept(key.id()));
        audit.append(actor.event("team.updated", "team:" + id).with("models", String.join(",", updated.models())));
        return updated;
    }

    /** Deletes a team that has no active keys. */
    public void deleteTeam(String id, Actor actor) {
        database.inTransaction(tx -> {
            KeyRepository.team(tx, id).orElseThrow(() -> new NoSuchElementException("no team " + id));
            if (KeyRepository.activeKeysOfTeam(tx, id) > 0) {
                throw new IllegalArgumentException("team " + id + " still has active keys; revoke them first");
            }
            if (!KeyRepository.keys(tx, id).isEmpty()) {
                throw new IllegalArgumentException("team " + id + " has revoked keys that keep its history; it can"
                        + " not be deleted, only left without keys");
            }
            KeyRepository.deleteTeam(tx, id);
            return null;
        });
        audit.append(actor.event("team.deleted", "team:" + id));
    }

    public Optional<Team> team(String id) {
        return database.inTransaction(tx -> KeyRepository.team(tx, id));
    }

    public List<Team> teams() {
        return database.inTransaction(KeyRepository::teams);
    }

    private Optional<Team> teamNamed(String name) {
        return teams().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    // ---- keys

    public Issued<VirtualKey> createKey(KeyDraft draft, Actor actor) {
        long now = clock.millis();
        String secret = KeyFormat.VIRTUAL.generate();
        VirtualKey key = database.inTransaction(tx -> {
            Optional<Team> team = draft.teamId() == null ? Optional.empty() : KeyRepository.team(tx, draft.teamId());
            checkKey(draft, team, now);
            VirtualKey created = new VirtualKey(KeyFormat.newId("key"), draft.name(), draft.teamId(), draft.models(),
                    draft.endpoints().isEmpty() ? Set.of(Endpoint.values()) : draft.endpoints(), draft.cidrs(),
                    draft.expiresAt(), draft.limits(), draft.metadata(), VirtualKey.Status.ACTIVE, now, now, null);
            KeyRepository.insertKey(tx, created);
            KeyRepository.insertHash(tx, KeyFormat.hash(secret), created.id(), now);
            return created;
        });
        audit.append(actor.event("key.created", "key:" + key.id()).with("name", key.name())
                .with("team", String.valueOf(key.teamId())).with("models", String.join(",", key.models())));
        return new Issued<>(key, secret);
    }

    public VirtualKey updateKey(String id, KeyDraft draft, Actor actor) {
        long now = clock.millis();
        VirtualKey updated = database.inTransaction(tx -> {
            VirtualKey current = KeyRepository.key(tx, id).orElseThrow(() -> new NoSuchElementException("no key " + id));
            if (current.status() == VirtualKey.Status.REVOKED) {
                throw new IllegalArgumentException("key " + id + " is revoked and can not be changed");
            }
            Optional<Team> team = draft.teamId() == null ? Optional.empty() : KeyRepository.team(tx, draft.teamId());
            checkKey(draft, team, now);
            VirtualKey next = new VirtualKey(id, draft.name(), draft.teamId(), draft.models(),
                    draft.endpoints().isEmpty() ? Set.of(Endpoint.values()) : draft.endpoints(), draft.cidrs(),
                    draft.expiresAt(), draft.limits(), draft.metadata(), current.status(), current.createdAt(), now,
                    null);
            KeyRepository.updateKey(tx, next);
            KeyRepository.recordChange(tx, id, null, now);
            return next;
        });
        localEviction.accept(id);
        audit.append(actor.event("key.updated", "key:" + id).with("models", String.join(",", updated.models()))
                .with("endpoints", updated.endpoints().stream().map(Endpoint::wireName).sorted().toList()));
        return updated;
    }

    /**
     * A key brought from LiteLLM: made from {@code draft} as {@link #createKey} would, but opened by
     * the given secrets' hashes (each with its end) instead of a new secret, and audited as
     * {@code key.imported}. A key whose secret was imported before is not made again: empty then.
     * {@code createdAt} keeps the key's creation time in LiteLLM.
     */
    public Optional<VirtualKey> importKey(KeyDraft draft, List<ImportedSecret> secrets, long createdAt,
            Actor actor) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("an imported key needs at least one secret");
        }
        long now = clock.millis();
        Optional<VirtualKey> imported = database.inTransaction(tx -> {
            for (ImportedSecret secret : secrets) {
                if (KeyRepository.keyIdOfHash(tx, secret.hash()).isPresent()) {
                    return Optional.empty();
                }
            }
            Optional<Team> team = draft.teamId() == null ? Optional.empty() : KeyRepository.team(tx, draft.teamId());
            checkKey(draft, team, now);
            VirtualKey key = new VirtualKey(KeyFormat.newId("key"), draft.name(), draft.teamId(), draft.models(),
                    draft.endpoints().isEmpty() ? Set.of(Endpoint.values()) : draft.endpoints(), draft.cidrs(),
                    draft.expiresAt(), draft.limits(), draft.metadata(), VirtualKey.Status.ACTIVE, createdAt, now,
                    null);
            KeyRepository.insertKey(tx, key);
            for (ImportedSecret secret : secrets) {
                KeyRepository.insertImportedHash(tx, secret, key.id(), now, LiteLlmSecret.ORIGIN);
            }
            KeyRepository.recordChange(tx, key.id(), null, now);
            return Optional.of(key);
        });
        imported.ifPresent(key -> audit.append(actor.event("key.imported", "key:" + key.id())
                .with("name", key.name()).with("team", String.valueOf(key.teamId()))
                .with("models", String.join(",", key.models())).with("from", LiteLlmSecret.ORIGIN)
                .with("secrets", secrets.size())));
        return imported;
    }

    /**
     * Issues a new secret for the key; its current secrets keep working for {@code grace}, then stop.
     * A grace of zero ends them now.
     */
    public Issued<VirtualKey> rotateKey(String id, Duration grace, Actor actor) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("the grace period must be between 0 and " + MAX_GRACE.toDays() + " days");
        }
        long now = clock.millis();
        String secret = KeyFormat.VIRTUAL.generate();
        VirtualKey key = database.inTransaction(tx -> {
            VirtualKey current = KeyRepository.key(tx, id).orElseThrow(() -> new NoSuchElementException("no key " + id));
            if (current.status() == VirtualKey.Status.REVOKED) {
                throw new IllegalArgumentException("key " + id + " is revoked; create a new key instead");
            }
            KeyRepository.retireHashes(tx, id, now + grace.toMillis());
            KeyRepository.insertHash(tx, KeyFormat.hash(secret), id, now);
            KeyRepository.recordChange(tx, id, null, now);
            return current;
        });
        localEviction.accept(id);
        audit.append(actor.event("key.rotated", "key:" + id).with("grace_seconds", grace.toSeconds()));
        return new Issued<>(key, secret);
    }

    /** Revokes the key now, on this instance at once and on the others within the feed's poll interval. */
    public VirtualKey revokeKey(String id, Actor actor) {
        long now = clock.millis();
        VirtualKey revoked = database.inTransaction(tx -> {
            VirtualKey current = KeyRepository.key(tx, id).orElseThrow(() -> new NoSuchElementException("no key " + id));
            if (current.status() == VirtualKey.Status.REVOKED) {
                return current;
            }
            VirtualKey next = new VirtualKey(id, current.name(), current.teamId(), current.models(), current.endpoints(),
                    current.cidrs(), current.expiresAt(), current.limits(), current.metadata(),
                    VirtualKey.Status.REVOKED, current.createdAt(), now, now);
            KeyRepository.updateKey(tx, next);
            KeyRepository.retireHashes(tx, id, now);
            KeyRepository.recordChange(tx, id, null, now);
            return next;
        });
        localEviction.accept(id);
        audit.append(actor.event("key.revoked", "key:" + id));
        return revoked;
    }

    public Optional<VirtualKey> key(String id) {
        return database.inTransaction(tx -> KeyRepository.key(tx, id));
    }

    /**
     * The key a secret opens, if any, a Gatehouse one or an imported LiteLLM one; no audit entry
     * (lookups by secret are the admin API's "key info").
     */
    public Optional<VirtualKey> keyBySecret(String secret) {
        if (!KeyFormat.VIRTUAL.matches(secret) && !LiteLlmSecret.looksLike(secret)) {
            return Optional.empty();
        }
        return database.inTransaction(tx -> KeyRepository.findByHash(tx, KeyFormat.hash(secret))).map(
                KeyRepository.Found::key);
    }

    /** The id of the key whose secret has this hash, if any: how an import finds what it brought before. */
    public Optional<String> keyIdOfHash(String hash) {
        return database.inTransaction(tx -> KeyRepository.keyIdOfHash(tx, hash));
    }

    /** Per key id, when its last imported LiteLLM secret stops working, for keys that still have one. */
    public java.util.Map<String, Long> openLiteLlmSecrets() {
        return database.inTransaction(tx -> KeyRepository.openSecretsOfOrigin(tx, LiteLlmSecret.ORIGIN,
                clock.millis()));
    }

    /** {@link #openLiteLlmSecrets} for one key: when its last imported LiteLLM secret stops working, if it has one. */
    public Optional<Long> openLiteLlmSecretOf(String keyId) {
        return database.inTransaction(tx -> KeyRepository.openSecretOfOrigin(tx, LiteLlmSecret.ORIGIN, keyId,
                clock.millis()));
    }

    /** When the last imported LiteLLM secret stops working (epoch ms); 0 when none was imported. */
    long liteLlmSecretsUntil() {
        return database.inTransaction(tx -> KeyRepository.lastEndOfOrigin(tx, LiteLlmSecret.ORIGIN));
    }

    public List<VirtualKey> keys() {
        return database.inTransaction(tx -> KeyRepository.keys(tx, null));
    }

    public List<VirtualKey> keysOf(String teamId) {
        return database.inTransaction(tx -> KeyRepository.keys(tx, teamId));
    }

    Optional<KeyRepository.Found> findByHash(String hash) {
        return database.inTransaction(tx -> KeyRepository.findByHash(tx, hash));
    }

    List<KeyRepository.Change> changes(long afterSeq, long sinceMillis) {
        return database.inTransaction(tx -> KeyRepository.changes(tx, afterSeq, sinceMillis));
    }

    long lastChange() {
        return database.inTransaction(KeyRepository::lastChange);
    }

    int pruneChanges(long before) {
        return database.inTransaction(tx -> KeyRepository.pruneChanges(tx, before));
    }

    // ---- checks

    private static void checkTeam(TeamDraft draft) {
        checkName(draft.name(), "team");
        checkModels(draft.models());
        if (draft.models().isEmpty()) {
            throw new IllegalArgumentException("models: a team needs the models its keys may use (\"*\" for all)");
        }
    }

    private static void checkKey(KeyDraft draft, Optional<Team> team, long now) {
        checkName(draft.name(), "key");
        checkModels(draft.models());
        if (draft.teamId() != null && team.isEmpty()) {
            throw new IllegalArgumentException("team_id: no team " + draft.teamId());
        }
        if (team.isEmpty() && draft.models().isEmpty()) {
            throw new IllegalArgumentException("models: a key without a team needs the models it may use"
                    + " (\"*\" for all)");
        }
        if (team.isPresent() && !team.get().models().contains("*")) {
            // A team's pattern (openai/*) covers the names and narrower patterns it matches.
            Set<String> beyond = new HashSet<>(draft.models());
            beyond.removeIf(model -> team.get().models().stream()
                    .anyMatch(entry -> dev.gatehouse.routing.ModelPattern.admits(entry, model)));
            if (!beyond.isEmpty()) {
                throw new IllegalArgumentException("models: " + beyond.stream().sorted().toList()
                        + " are not among the team's models " + team.get().models());
            }
        }
        if (draft.cidrs().size() > MAX_LIST) {
            throw new IllegalArgumentException("allowed_ips: at most " + MAX_LIST + " ranges");
        }
        if (draft.expiresAt() != null && draft.expiresAt() <= now) {
            throw new IllegalArgumentException("expires: the time is in the past");
        }
    }

    private static void checkName(String name, String what) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("name: a " + what + " needs a name of 1 to " + MAX_NAME
                    + " printable characters");
        }
    }

    private static void checkModels(List<String> models) {
        if (models.size() > MAX_LIST) {
            throw new IllegalArgumentException("models: at most " + MAX_LIST + " entries");
        }
        for (String model : models) {
            if (model == null || model.isBlank() || model.length() > MAX_NAME) {
                throw new IllegalArgumentException("models: each entry is a model name, an access group or \"*\"");
            }
        }
    }
}
