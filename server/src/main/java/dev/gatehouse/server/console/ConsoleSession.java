package dev.gatehouse.server.console;

import dev.gatehouse.server.auth.AdminRole;

/**
 * A signed-in console user, as the server keeps it.
 *
 * @param id         the SHA-256 of the session's cookie value: names the session to its owner
 *                   (to end it), and opens nothing
 * @param subject    who the audit log names: {@code admin:<admin key id>} or {@code oidc:<sub>}
 * @param name       shown on the page: the admin key's name, or the user's name claim
 * @param adminKeyId the admin key the session was opened with; null for single sign-on
 * @param csrfToken  what every state-changing call of this session sends in {@code x-gatehouse-csrf}
 * @param expiresAt  epoch milliseconds after which the session is over, used or not
 */
public record ConsoleSession(String id, String subject, String name, AdminRole role, String adminKeyId, String csrfToken,
        long createdAt, long lastSeenAt, long expiresAt) {}
