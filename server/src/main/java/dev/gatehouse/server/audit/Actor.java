package dev.gatehouse.server.audit;

import java.util.Objects;

/**
 * Who is acting and from where, as the audit log records it.
 *
 * @param name   {@code admin:<id>}, {@code cli}, {@code gatehouse} (the gateway itself)
 * @param source a client address, {@code cli} or {@code startup}
 */
public record Actor(String name, String source) {

    public static final Actor CLI = new Actor("cli", "cli");
    public static final Actor STARTUP = new Actor("gatehouse", "startup");

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }

    public AuditEvent event(String action, String target) {
        return AuditEvent.of(name, action, target, source);
    }
}
