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

    private AuditVerifier() {}

    /** The outcome: the entries read, the head, and every problem found (empty when intact). */
    public record Result(long entries, long headSeq, String headHash, List<String> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    public static Result verify(Database database) {
        List<AuditEntry> entries = database.query("SELECT seq, at, actor, action, target, source, details,"
                + " prev_hash, hash FROM audit_log ORDER BY seq", AuditLog::entry);
        Object[] head = database.queryOne("SELECT seq, hash FROM audit_head WHERE id = 1",
                row -> new Object[] {row.getLong(1), row.getString(2)}).orElse(new Object[] {-1L, ""});
        return check(entries, (long) head[0], (String) head[1]);
    }

    static Result check(List<AuditEntry> entries, long headSeq, String headHash) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> seqByHash = new HashMap<>();
        for (AuditEntry entry : entries) {
            seqByHash.put(entry.hash(), entry.seq());
        }
        String previousHash = "0".repeat(64);
        long previousSeq = 0;
        for (AuditEntry entry : entries) {
            if (!entry.recompute(entry.seq()).equals(entry.hash())) {
                long writtenAt = writtenPosition(entry);
                problems.add(writtenAt > 0
                        ? "entry " + entry.seq() + " was moved: it was written as entry " + writtenAt + " (reordered)"
                        : "entry " + entry.seq() + " was changed: its fields no longer give its hash");
            }
            if (entry.seq() > previousSeq + 1) {
                problems.add(entry.seq() == previousSeq + 2
                        ? "entry " + (previousSeq + 1) + " is missing (deleted)"
                        : "entries " + (previousSeq + 1) + " to " + (entry.seq() - 1) + " are missing (deleted)");
            } else if (entry.seq() <= previousSeq) {
                problems.add("entry " + entry.seq() + " appears twice or out of order");
            }
            if (!entry.prevHash().equals(previousHash)) {
                Long linked = seqByHash.get(entry.prevHash());
                if (linked != null && linked == previousSeq - 1) {
                    problems.add("entry " + previousSeq + " was inserted: entry " + entry.seq()
                            + " was written right after entry " + linked);
                } else if (linked != null && linked != previousSeq) {
                    problems.add("entry " + entry.seq() + " was written after entry " + linked + ", not after entry "
                            + previousSeq + " (reordered)");
                } else if (linked == null && entry.seq() == previousSeq + 1) {
                    problems.add("entry " + entry.seq() + " does not follow entry " + previousSeq
                            + ": the entry it was written after is gone, or entry " + entry.seq() + " was inserted");
                }
            }
            previousHash = entry.hash();
            previousSeq = entry.seq();
        }
        if (headSeq != previousSeq || !headHash.equals(previousHash)) {
            problems.add(headSeq > previousSeq
                    ? "entries " + (previousSeq + 1) + " to " + headSeq + " are missing from the end (deleted)"
                    : headSeq < previousSeq
                            ? "entries " + (headSeq + 1) + " to " + previousSeq + " were added outside Gatehouse (inserted)"
                            : "the last entry does not match the chain's head (changed)");
        }
        return new Result(entries.size(), headSeq, headHash, List.copyOf(problems));
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
