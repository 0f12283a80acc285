package dev.gatehouse.server.attribution;

import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * End users: created, changed and deleted by admins (each change audited), and found for every
 * request that names one.
 *
 * <p>A request's lookup is cached for {@code maxAgeMillis}, known and unknown ids alike (an end
 * user id is the caller's free text, so unknown ones are the common case and must not each cost
 * a query). A change made on this instance evicts its entry at once; one made on another instance
 * counts here within the cache's age.
 *
 * <p>Invalid input throws {@link IllegalArgumentException}; an unknown id {@link NoSuchElementException}.
 */
public final class EndUsers {

    private static final int MAX_ENTRIES = 100_000;
    private static final int MAX_ALIAS = 256;

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final long maxAgeMillis;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    private record Entry(Optional<EndUser> user, long loadedAt) {}

    public EndUsers(Database database, AuditLog audit, Clock clock, long maxAgeMillis) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.maxAgeMillis = maxAgeMillis;
    }

    public EndUser create(String id, EndUserDraft draft, Actor actor) {
        EndUser user = insertChecked(id, draft).orElseThrow(
                () -> new IllegalArgumentException("user_id: an end user '" + id + "' already exists"));
        audit.append(actor.event("end_user.created", "end_user:" + id).with("blocked", String.valueOf(user.blocked())));
        return user;
    }

    /**
     * Creates an end user brought from another gateway, audited as {@code end_user.imported} (as
     * imported keys are {@code key.imported}) with where it came from. Empty, and nothing written,
     * when an end user with this id exists already: a migration never changes one an admin made.
     */
    public Optional<EndUser> importEndUser(String id, EndUserDraft draft, String from, Actor actor) {
        Optional<EndUser> user = insertChecked(id, draft);
        user.ifPresent(created -> audit.append(actor.event("end_user.imported", "end_user:" + id).with("from", from)
                .with("blocked", String.valueOf(created.blocked()))));
        return user;
    }

    /** A new end user, its id and alias checked; empty, and nothing written, when the id is taken. */
    private Optional<EndUser> insertChecked(String id, EndUserDraft draft) {
        checkId(id);
        checkAlias(draft.alias());
        long now = clock.millis();
        EndUser user = new EndUser(id, draft.alias(), draft.limits(), draft.blocked(), now, now);
        if (!insertNew(user)) {
            return Optional.empty();
        }
        cache.remove(id);
        return Optional.of(user);
    }

    public EndUser update(String id, EndUserDraft draft, Actor actor) {
        checkAlias(draft.alias());
        EndUser updated = database.inTransaction(tx -> {
            EndUser current = EndUserRepository.find(tx, id)
                    .orElseThrow(() -> new NoSuchElementException("no end user " + id));
            EndUser next = new EndUser(id, draft.alias(), draft.limits(), draft.blocked(), current.createdAt(),
                    Math.max(clock.millis(), current.updatedAt()));
            EndUserRepository.update(tx, next);
            return next;
        });
        cache.remove(id);
        audit.append(actor.event("end_user.updated", "end_user:" + id)
                .with("blocked", String.valueOf(updated.blocked())));
        return updated;
    }

    public void delete(String id, Actor actor) {
        int deleted = database.inTransaction(tx -> EndUserRepository.delete(tx, id));
        if (deleted == 0) {
            throw new NoSuchElementException("no end user " + id);
        }
        cache.remove(id);
        audit.append(actor.event("end_user.deleted", "end_user:" + id));
    }

    /** The end user as stored now, for the admin API. */
    public Optional<EndUser> get(String id) {
        return database.inTransaction(tx -> EndUserRepository.find(tx, id));
    }

    public List<EndUser> all() {
        return database.inTransaction(EndUserRepository::all);
    }

    /**
     * The end user a request names, from the cache when it is fresh; empty for an id no admin has
     * created. Throws {@link dev.gatehouse.server.store.StoreException} when the store can not be read.
     */
    public Optional<EndUser> find(String id) {
        long now = clock.millis();
        Entry cached = cache.get(id);
        if (cached != null && now - cached.loadedAt() < maxAgeMillis) {
            return cached.user();
        }
        Optional<EndUser> found = get(id);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(id, new Entry(found, now));
        return found;
    }

    /** Inserts the end user unless one with its id exists; whether it did. */
    private boolean insertNew(EndUser user) {
        return database.inTransaction(tx -> {
            if (EndUserRepository.find(tx, user.id()).isPresent()) {
                return false;
            }
            EndUserRepository.insert(tx, user);
            return true;
        });
    }

    private static void checkId(String id) {
        if (id == null || id.isBlank() || id.length() > AttributionReader.MAX_END_USER
                || id.chars().anyMatch(Character::isISOControl) || !id.strip().equals(id)) {
            throw new IllegalArgumentException("user_id: an end user needs an id of 1 to "
                    + AttributionReader.MAX_END_USER + " printable characters, without spaces around it");
        }
    }

    private static void checkAlias(String alias) {
        if (alias != null && (alias.length() > MAX_ALIAS || alias.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("alias: at most " + MAX_ALIAS + " printable characters");
        }
    }
}
