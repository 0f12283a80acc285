package dev.gatehouse.server.audit;

import dev.gatehouse.server.store.StoredText;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something that happened and must be kept: who did what to which object, from where. Details
 * are short facts (a role, a grace period, a model name); never a key, a credential or a prompt.
 *
 * <p>An event is valid by construction: its texts are fitted to the columns of {@code audit_log}
 * ({@link StoredText#fit}: cut, control characters replaced), each detail value to
 * {@value #MAX_VALUE} characters and the details to at most {@value #MAX_DETAILS}; should their
 * JSON still be longer than its column, {@link AuditLog} drops the last details and marks the
 * entry {@code "~cut"}. A request can put anything in a detail (a rerank model name of 8 KB,
 * say) and the entry that records it is still written.
 *
 * @param actor   who acted: {@code admin:<id> (<name>)}, {@code key:<id>}, {@code cli}, {@code gatehouse}
 * @param action  what happened, such as {@code key.created} or {@code scope.denied}
 * @param target  what it happened to, such as {@code key:<id>} or {@code credential:<name>}
 * @param source  where the request came from: a client address, or {@code cli} / {@code startup}
 * @param details further facts, sorted by name so the stored form is stable
 */
public record AuditEvent(String actor, String action, String target, String source, Map<String, String> details) {

    /** The widths of {@code audit_log}'s columns (V1__keys_secrets_audit.sql). */
    static final int ACTOR = 200;
    static final int ACTION = 64;
    static final int TARGET = 400;
    static final int SOURCE = 100;
    static final int DETAILS = 8192;
    /** A detail's name and value: room for a long list of model names, cut with a mark beyond. */
    static final int MAX_NAME = 64;
    static final int MAX_VALUE = 1000;
    static final int MAX_DETAILS = 12;

    public AuditEvent {
        actor = StoredText.fit(Objects.requireNonNull(actor, "actor"), ACTOR);
        action = StoredText.fit(Objects.requireNonNull(action, "action"), ACTION);
        target = StoredText.fit(Objects.requireNonNull(target, "target"), TARGET);
        source = StoredText.fit(Objects.requireNonNull(source, "source"), SOURCE);
        if (details.size() > MAX_DETAILS) {
            // The names are Gatehouse's own, never a caller's: more is a mistake in the code.
            throw new IllegalArgumentException("an audit event has at most " + MAX_DETAILS + " details");
        }
        Map<String, String> fitted = new TreeMap<>();
        details.forEach((name, value) -> fitted.put(StoredText.fit(name, MAX_NAME), StoredText.fit(value, MAX_VALUE)));
        details = java.util.Collections.unmodifiableMap(fitted);
    }

    public static AuditEvent of(String actor, String action, String target, String source) {
        return new AuditEvent(actor, action, target, source, Map.of());
    }

    public AuditEvent with(String name, Object value) {
        Map<String, String> more = new TreeMap<>(details);
        more.put(name, String.valueOf(value));
        return new AuditEvent(actor, action, target, source, more);
    }
}
