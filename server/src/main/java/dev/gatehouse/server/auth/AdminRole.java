package dev.gatehouse.server.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an admin key may do.
 * <ul>
 * <li>{@code owner}: everything, including credentials, admin keys and the master key;</li>
 * <li>{@code key-admin}: teams and virtual keys, nothing else;</li>
 * <li>{@code auditor}: read-only: teams, keys, the audit log and spend.</li>
 * </ul>
 */
public enum AdminRole {
    OWNER("owner"),
    KEY_ADMIN("key-admin"),
    AUDITOR("auditor");

    private final String wireName;

    AdminRole(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AdminRole> fromWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }

    /** Whether this role may manage teams and virtual keys. */
    public boolean managesKeys() {
        return this == OWNER || this == KEY_ADMIN;
    }

    /** Whether this role may manage credentials and admin keys. */
    public boolean managesSecrets() {
        return this == OWNER;
    }
}
