package dev.gatehouse.server.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something that happened and must be kept: who did what to which object, from where. Details
 * are short facts (a role, a grace period, a model name); never a key, a credential or a prompt.
 *
 * @param actor   who acted: {@code admin:<id> (<name>)}, {@code key:<id>}, {@code cli}, {@code gatehouse}
 * @param action  what happened, such as {@code key.created} or {@code scope.denied}
 * @param target  what it happened to, such as {@code key:<id>} or {@code credential:<name>}
 * @param source  where the request came from: a client address, or {@code cli} / {@code startup}
 * @param details further facts, sorted by name so the stored form is stable
 */
public record AuditEvent(String actor, String action, String target, String source, Map<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
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
