package dev.gatehouse.server.audit;

import dev.gatehouse.server.store.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the audit chain and says where it is broken: an entry whose fields no longer give its
 * hash (changed), one written at another position (moved: reordered), a gap in the numbering or
 * a link to a predecessor that is not there (deleted), a link from nowhere (inserted), and a head
 * that does not match the last entry (entries removed from, or added to, the end).
 *
 * <p>What it can not see: someone with write access to the database who rewrites the whole chain
 * and its head consistently. Against that, keep the head hash somewhere else (it is printed by
 * {@code gatehouse audit verify}) and pass it back with {@code --expect-head}.
 */
public final class AuditVerifier {

    /** How far from its stored position a moved entry is looked for. */
    private static final int MOVE_WINDOW = 64;
    /** Entries read per query. */
    static final int PAGE = 500;
    /** Problems named in a result; more are counted. */
    static final int MAX_PROBLEMS = 1000;

    private AuditVerifier() {}

    /** The outcome: the entries read, the head, and every problem found (empty when intact). */
    public record Result(long entries, long headSeq, String headHash, List<String> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    /**
     * Walks the chain page by page ({@value #PAGE} entries per query, in {@code seq} order), so
     * a log of any length is verified in constant memory. A link is looked up among the entries
     * of the page before, the page itself and the page after; one to an entry further away is
     * reported as a link to an entry that is gone. At most {@value #MAX_PROBLEMS} problems are
     * named, the rest counted.
     */
    public static Result verify(Database database) {
        Walk walk = new Walk();
        List<AuditEntry> previous = List.of();
        List<AuditEntry> current = page(database, Long.MIN_VALUE);
        while (!current.isEmpty()) {
            List<AuditEntry> next = current.size() < PAGE ? List.of() : page(database, current.getLast().seq());
            Map<String, Long> near = new HashMap<>();
            for (List<AuditEntry> entries : List.of(previous, current, next)) {
                for (AuditEntry entry : entries) {
                    near.put(entry.hash(), entry.seq());
                }
            }
            for (AuditEntry entry : current) {
                walk.check(entry, near);
            }
            previous = current;
            current = next;
        }
        Object[] head = database.queryOne("SELECT seq, hash FROM audit_head WHERE id = 1",
                row -> new Object[] {row.getLong(1), row.getString(2)}).orElse(new Object[] {-1L, ""});
        return walk.end((long) head[0], (String) head[1]);
    }

    private static List<AuditEntry> page(Database database, long afterSeq) {
        return database.query("SELECT seq, at, actor, action, target, source, details, prev_hash, hash FROM audit_log"
                + " WHERE seq > ? ORDER BY seq LIMIT " + PAGE, AuditLog::entry, afterSeq);
    }

    /** The walk's state: where it is in the chain, and what it found so far. */
    private static final class Walk {
        private final List<String> problems = new ArrayList<>();
        private long unnamed;
        private long entries;
        private String previousHash = "0".repeat(64);
        private long previousSeq;

        void problem(String text) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(text);
            } else {
                unnamed++;
            }
        }

        void check(AuditEntry entry, Map<String, Long> near) {
            entries++;
            if (!entry.recompute(entry.seq()).equals(entry.hash())) {
                // Looking for where a moved entry was written costs up to 128 hashes: only for named problems.
                long writtenAt = problems.size() < MAX_PROBLEMS ? writtenPosition(entry) : 0;
                problem(writtenAt > 0
                        ? "entry " + entry.seq() + " was moved: it was written as entry " + writtenAt + " (reordered)"
                        : "entry " + entry.seq() + " was changed: its fields no longer give its hash");
            }
            if (entry.seq() > previousSeq + 1) {
                problem(entry.seq() == previousSeq + 2
                        ? "entry " + (previousSeq + 1) + " is missing (deleted)"
                        : "entries " + (previousSeq + 1) + " to " + (entry.seq() - 1) + " are missing (deleted)");
            } else if (entry.seq() <= previousSeq) {
                problem("entry " + entry.seq() + " appears twice or out of order");
            }
            if (!entry.prevHash().equals(previousHash)) {
                Long linked = near.get(entry.prevHash());
                if (linked != null && linked == previousSeq - 1) {
                    problem("entry " + previousSeq + " was inserted: entry " + entry.seq()
                            + " was written right after entry " + linked);
                } else if (linked != null && linked != previousSeq) {
                    problem("entry " + entry.seq() + " was written after entry " + linked + ", not after entry "
                            + previousSeq + " (reordered)");
                } else if (linked == null && entry.seq() == previousSeq + 1) {
                    problem("entry " + entry.seq() + " does not follow entry " + previousSeq
                            + ": the entry it was written after is gone, or entry " + entry.seq() + " was inserted");
                }
            }
            previousHash = entry.hash();
            previousSeq = entry.seq();
        }

        Result end(long headSeq, String headHash) {
            if (headSeq != previousSeq || !headHash.equals(previousHash)) {
                problem(headSeq > previousSeq
                        ? "entries " + (previousSeq + 1) + " to " + headSeq + " are missing from the end (deleted)"
                        : headSeq < previousSeq
                                ? "entries " + (headSeq + 1) + " to " + previousSeq
                                        + " were added outside Gatehouse (inserted)"
                                : "the last entry does not match the chain's head (changed)");
            }
            if (unnamed > 0) {
                problems.add("and " + unnamed + " more problems");
            }
            return new Result(entries, headSeq, headHash, List.copyOf(problems));
        }
    }

    /** The position this entry's hash was computed for, if it is near its stored one; else 0. */
    private static long writtenPosition(AuditEntry entry) {
        for (long delta = 1; delta <= MOVE_WINDOW; delta++) {
            for (long candidate : new long[] {entry.seq() - delta, entry.seq() + delta}) {
                if (candidate > 0 && entry.recompute(candidate).equals(entry.hash())) {
                    return candidate;
                }
            }
        }
        return 0;
    }

    /**
     * Checks a head recorded earlier ({@code seq:hash}): the entry at that position must still
     * carry that hash. Returns the problem, or null when it holds.
     */
    public static String checkEarlierHead(Database database, String head) {
        int colon = head.indexOf(':');
        long seq;
        try {
            seq = Long.parseLong(head.substring(0, Math.max(colon, 0)));
        } catch (NumberFormatException e) {
            return "--expect-head must be SEQ:HASH as printed by an earlier run";
        }
        String hash = head.substring(colon + 1);
        if (seq == 0) {
            return null;
        }
        java.util.Optional<String> stored = database.queryOne("SELECT hash FROM audit_log WHERE seq = ?",
                row -> row.getString(1), seq);
        if (stored.isEmpty()) {
            return "entry " + seq + ", recorded earlier as the head, is gone: the chain was cut or rewritten";
        }
        return stored.get().equals(hash) ? null
                : "entry " + seq + " no longer has the hash recorded earlier: the chain was rewritten";
    }
}
