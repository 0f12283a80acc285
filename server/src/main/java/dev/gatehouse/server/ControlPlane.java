package dev.gatehouse.server;

import dev.gatehouse.server.attribution.EndUsers;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.auth.AdminKeys;
import dev.gatehouse.server.auth.Authenticator;
import dev.gatehouse.server.auth.KeyChangeFeed;
import dev.gatehouse.server.auth.KeyService;
import dev.gatehouse.server.crypto.MasterKeyException;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.crypto.SecretVault;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What Gatehouse keeps in its store and checks requests against: virtual keys and teams, end
 * users, admin keys, stored credentials and the audit log, over one database.
 */
public final class ControlPlane implements AutoCloseable {

    /** How often each instance reads other instances' key changes. */
    public static final Duration DEFAULT_FEED_INTERVAL = Duration.ofMillis(250);
    /** How long a cached key is trusted without a fresh lookup, whatever the feed says. */
    public static final Duration CACHE_MAX_AGE = Duration.ofMinutes(5);
    /**
     * How long an end user looked up for a request is trusted: a change made on another instance
     * (a block, a new budget) counts here within it. Short, as no feed tells of those changes.
     */
    public static final Duration END_USER_CACHE_MAX_AGE = Duration.ofSeconds(10);

    private final Database database;
    private final AuditLog audit;
    private final KeyService keys;
    private final AdminKeys adminKeys;
    private final Authenticator authenticator;
    private final KeyChangeFeed feed;
    private final Optional<SecretVault> vault;
    private final EndUsers endUsers;

    private ControlPlane(Database database, AuditLog audit, KeyService keys, AdminKeys adminKeys,
            Authenticator authenticator, KeyChangeFeed feed, Optional<SecretVault> vault, EndUsers endUsers) {
        this.database = database;
        this.audit = audit;
        this.keys = keys;
        this.adminKeys = adminKeys;
        this.authenticator = authenticator;
        this.feed = feed;
        this.vault = vault;
        this.endUsers = endUsers;
    }

    /**
     * Opens the store (migrating it) and starts the key-change feed.
     *
     * @param keyring      the master keys, if configured; without them stored credentials are unavailable
     * @param feedInterval how often to read other instances' key changes
     */
    public static ControlPlane open(StoreSettings settings, Optional<MasterKeyring> keyring, Duration feedInterval) {
        Clock clock = Clock.systemUTC();
        Database database = Database.open(settings);
        AuditLog audit = new AuditLog(database);
        KeyService keys = new KeyService(database, audit, clock);
        Authenticator authenticator = new Authenticator(keys, audit, clock, CACHE_MAX_AGE.toMillis());
        KeyChangeFeed feed = new KeyChangeFeed(keys, authenticator, clock, feedInterval);
        return new ControlPlane(database, audit, keys, new AdminKeys(database, audit, clock), authenticator, feed,
                keyring.map(ring -> new SecretVault(database, ring, audit, clock)),
                new EndUsers(database, audit, clock, END_USER_CACHE_MAX_AGE.toMillis()));
    }

    public Database database() {
        return database;
    }

    public AuditLog audit() {
        return audit;
    }

    public KeyService keys() {
        return keys;
    }

    public AdminKeys adminKeys() {
        return adminKeys;
    }

    /** The end users requests name (LiteLLM's customers), with budgets and limits of their own. */
    public EndUsers endUsers() {
        return endUsers;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public Optional<SecretVault> vault() {
        return vault;
    }

    /** The vault, or a clear error saying how to configure a master key. */
    public SecretVault requireVault() {
        return vault.orElseThrow(() -> new MasterKeyException("stored credentials need a master key: set "
                + MasterKeyring.ENV_KEYS + " or " + MasterKeyring.ENV_FILE + " (see docs/keys.md)"));
    }

    @Override
    public void close() {
        feed.close();
        audit.close();
        database.close();
    }
}
