package dev.gatehouse.server.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed admin authentications, counted per source address and minute: a flood of them (with
 * no key at all, as anyone can send) becomes one audit entry per address and minute with a
 * count, instead of a hash-chained row each.
 *
 * <p>The table is bounded: once {@value #MAX_SOURCES} addresses have failed in the minutes not
 * yet written, further addresses are counted together under the source {@value #MANY}. Counting
 * never blocks a request and never touches the database.
 */
final class FailedLogins {

    static final int MAX_SOURCES = 10_000;
    static final String MANY = "many-sources";
    static final String ACTION = "admin.auth_failed";

    /** One source in one minute (epoch minutes). */
    private record Bucket(long minute, String source) {}

    /** Failures with no key and with a key that opened nothing. */
    private record Counts(long noKey, long invalidKey) {
        Counts plus(boolean withoutKey) {
            return withoutKey ? new Counts(noKey + 1, invalidKey) : new Counts(noKey, invalidKey + 1);
        }
    }

    private final Map<Bucket, Counts> counts = new ConcurrentHashMap<>();

    /** Counts one failure from {@code source} at {@code millis}. */
    void add(long millis, String source, boolean withoutKey) {
        long minute = Math.floorDiv(millis, 60_000L);
        Bucket bucket = new Bucket(minute, source);
        if (counts.size() >= MAX_SOURCES && !counts.containsKey(bucket)) {
            bucket = new Bucket(minute, MANY);
        }
        counts.compute(bucket, (b, c) -> (c == null ? new Counts(0, 0) : c).plus(withoutKey));
    }

    /**
     * Takes the counts of the minutes before the one {@code millis} falls in (all of them with
     * {@link Long#MAX_VALUE}) as audit events, oldest minute first.
     */
    List<AuditEvent> takeEndedBefore(long millis) {
        long current = millis == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(millis, 60_000L);
        List<AuditEvent> events = new ArrayList<>();
        for (Bucket bucket : counts.keySet().stream().filter(b -> b.minute() < current)
                .sorted(java.util.Comparator.comparingLong(Bucket::minute).thenComparing(Bucket::source)).toList()) {
            Counts c = counts.remove(bucket); // atomic against add's compute: no failure is counted twice or lost
            if (c != null) {
                events.add(AuditEvent.of("unknown", ACTION, "admin", bucket.source())
                        .with("count", c.noKey() + c.invalidKey()).with("no_key", c.noKey())
                        .with("invalid_key", c.invalidKey())
                        .with("minute", Instant.ofEpochSecond(bucket.minute() * 60).toString()));
            }
        }
        return events;
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }
}
