package dev.gatehouse.server.console;

import dev.gatehouse.server.auth.AdminRole;

/**
 * A signed-in console user, as the server keeps it.
 *
 * @param subject    who the audit log names: {@code admin:<admin key id>} or {@code oidc:<sub>}
 * @param name       shown on the page: the admin key's name, or the user's name claim
 * @param adminKeyId the admin key the session was opened with; null for single sign-on
 * @param csrfToken  what every state-changing call of this session sends in {@code x-gatehouse-csrf}
 * @param expiresAt  epoch milliseconds after which the session is over, used or not
 */
public record ConsoleSession(String subject, String name, AdminRole role, String adminKeyId, String csrfToken,
        long createdAt, long lastSeenAt, long expiresAt) {}
