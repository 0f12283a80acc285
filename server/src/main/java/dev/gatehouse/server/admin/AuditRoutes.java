package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import dev.gatehouse.server.audit.AuditEntry;
import dev.gatehouse.server.audit.AuditVerifier;
import java.util.List;

/** {@code /admin/audit}: the audit log, page by page, and a check of its hash chain. */
final class AuditRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final ControlPlane control;

    AuditRoutes(ControlPlane control) {
        this.control = control;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/admin/audit", Permission.READ_AUDIT, this::list),
                AdminRoute.get("/admin/audit/verify", Permission.READ_AUDIT, call -> {
                    AuditVerifier.Result result = AuditVerifier.verify(control.database());
                    ObjectNode out = Json.object().put("intact", result.intact()).put("entries", result.entries())
                            .put("head_seq", result.headSeq()).put("head_hash", result.headHash());
                    JsonFields.putStrings(out, "problems", result.problems());
                    return Reply.ok(out);
                }));
    }

    /** {@code ?after=SEQ&limit=N}: entries after SEQ (default 0), oldest first; {@code next_after} pages on. */
    private Reply list(AdminCall call) {
        long after = number(call.query("after").orElse("0"), "after", 0, Long.MAX_VALUE);
        int limit = (int) number(call.query("limit").orElse(String.valueOf(DEFAULT_LIMIT)), "limit", 1, MAX_LIMIT);
        List<AuditEntry> entries = control.audit().list(after, limit);
        ObjectNode out = AdminJson.list(entries.stream().map(AuditRoutes::write).toList());
        out.put("next_after", entries.isEmpty() ? after : entries.getLast().seq());
        return Reply.ok(out);
    }

    private static long number(String text, String name, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw JsonFields.bad(name, name + " must be a whole number from " + min + " to " + max);
    }

    static ObjectNode write(AuditEntry entry) {
        ObjectNode out = Json.object().put("seq", entry.seq());
        JsonFields.putInstant(out, "at", entry.at());
        out.put("actor", entry.actor()).put("action", entry.action()).put("target", entry.target())
                .put("source", entry.source());
        out.set("details", Json.parseUpstream(entry.details(), "audit log"));
        out.put("prev_hash", entry.prevHash()).put("hash", entry.hash());
        return out;
    }
}
