package dev.gatehouse.server.audit;

import dev.gatehouse.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One stored entry of the audit chain. Its hash covers its number, time, every field and the
 * previous entry's hash, so changing, removing, inserting or moving any entry breaks the chain
 * from that point on.
 */
public record AuditEntry(long seq, long at, String actor, String action, String target, String source,
        String details, String prevHash, String hash) {

    /** The hash {@code fields} should carry at position {@code seq} after {@code prevHash}. */
    static String hashOf(long seq, long at, String actor, String action, String target, String source,
            String details, String prevHash) {
        // A JSON array is an unambiguous encoding: no choice of field values can make two entries collide.
        var fields = Json.array().add("gatehouse-audit-v1").add(seq).add(at).add(actor).add(action).add(target)
                .add(source).add(details).add(prevHash);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Json.text(fields).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash this entry's stored fields give at position {@code asSeq}. */
    String recompute(long asSeq) {
        return hashOf(asSeq, at, actor, action, target, source, details, prevHash);
    }
}
