package dev.gatehouse.server.admin;

import dev.gatehouse.server.auth.AdminRole;
import java.util.List;

/** What an admin route needs, as the roles that have it (see docs/admin-api.md, "Roles"). */
enum Permission {
    /** Reading teams and keys: every role. */
    READ_KEYS(AdminRole.OWNER, AdminRole.KEY_ADMIN, AdminRole.AUDITOR),
    /** Changing teams and keys. */
    MANAGE_KEYS(AdminRole.OWNER, AdminRole.KEY_ADMIN),
    /** Reading spend: the owner, key admins (who set budgets) and auditors. */
    READ_SPEND(AdminRole.OWNER, AdminRole.KEY_ADMIN, AdminRole.AUDITOR),
    /** Reading the audit log: an auditor's job, and the owner's. */
    READ_AUDIT(AdminRole.OWNER, AdminRole.AUDITOR),
    /** Reading the deployments' routing health: every role. */
    READ_HEALTH(AdminRole.OWNER, AdminRole.KEY_ADMIN, AdminRole.AUDITOR),
    /** Reading what the running build is made of (its SBOM): every role. */
    READ_BUILD(AdminRole.OWNER, AdminRole.KEY_ADMIN, AdminRole.AUDITOR),
    /** Credentials and admin keys, read or written. */
    OWNER(AdminRole.OWNER);

    private final List<AdminRole> roles;

    Permission(AdminRole... roles) {
        this.roles = List.of(roles);
    }

    List<AdminRole> roles() {
        return roles;
    }

    boolean allows(AdminRole role) {
        return roles.contains(role);
    }
}
