package dev.gatehouse.server.auth;

/** An admin key as stored, without its secret. */
public record AdminKey(String id, String name, AdminRole role, String status, long createdAt, String createdBy,
        Long revokedAt) implements Issued.Key {

    public boolean isActive() {
        return "active".equals(status);
    }
}
