package dev.gatehouse.server.auth;

import dev.gatehouse.server.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries key changes made by other instances to this one's {@link Authenticator}: every
 * {@code interval} (250 ms by default) it reads the {@code key_changes} rows it has not seen and
 * evicts those keys and teams from the cache, so a revocation on one instance holds on all of
 * them within about that interval. It works the same on H2 and PostgreSQL, needs no extra
 * infrastructure, and costs one indexed query per interval per instance.
 *
 * <p>If the store can not be read, the feed can not know what changed: after {@code interval}
 * times four without a successful read it empties the cache, so keys are checked against the
 * store again (and refused with 503 while it is unreachable) rather than trusted from memory.
 */
public final class KeyChangeFeed implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KeyChangeFeed.class.getName());
    /** Changes are re-read for this long, so one committed late with a lower number is not missed. */
    private static final long REREAD_MILLIS = 10_000;
    private static final long PRUNE_AFTER_MILLIS = Duration.ofDays(1).toMillis();

    private final KeyService keys;
    private final Authenticator authenticator;
    private final Clock clock;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean running = true;
    private long lastSeq;
    /** Changes already applied, by number, with when: the reread window returns them again. */
    private final Map<Long, Long> applied = new HashMap<>();
    private long lastSuccess;
    private long lastPrune;

    public KeyChangeFeed(KeyService keys, Authenticator authenticator, Clock clock, Duration interval) {
        this.keys = keys;
        this.authenticator = authenticator;
        this.clock = clock;
        this.interval = interval;
        this.lastSuccess = clock.millis();
        this.lastSeq = keys.lastChange();
        this.thread = Thread.ofVirtual().name("gatehouse-key-changes").start(this::run);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            pollOnce();
        }
    }

    /** One read of the feed; public for tests that do not want to wait for the interval. */
    synchronized void pollOnce() {
        long now = clock.millis();
        try {
            for (KeyRepository.Change change : keys.changes(lastSeq, now - REREAD_MILLIS)) {
                if (applied.putIfAbsent(change.seq(), now) != null) {
                    continue; // reread for the window only; its keys were evicted when it first came
                }
                if (change.keyId() != null) {
                    authenticator.evictKey(change.keyId());
                }
                if (change.teamId() != null) {
                    authenticator.evictTeam(change.teamId());
                }
                lastSeq = Math.max(lastSeq, change.seq());
            }
            applied.values().removeIf(at -> now - at > 2 * REREAD_MILLIS);
            lastSuccess = now;
            if (now - lastPrune > PRUNE_AFTER_MILLIS / 24) {
                keys.pruneChanges(now - PRUNE_AFTER_MILLIS);
                lastPrune = now;
            }
        } catch (StoreException e) {
            if (now - lastSuccess > interval.toMillis() * 4) {
                authenticator.evictAll();
            }
            LOG.log(System.Logger.Level.WARNING, () -> "can not read key changes from the store: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
