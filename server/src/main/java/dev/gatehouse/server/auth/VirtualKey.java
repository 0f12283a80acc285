package dev.gatehouse.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual key as stored, without its secret (which exists only as hashes).
 *
 * @param id        public id, {@code key_…}; what logs, the audit log and the admin API show
 * @param name      a label given by its creator
 * @param teamId    the owning team, or null
 * @param models    model names and access groups it may use ({@code *}: all); empty: the team's models
 * @param endpoints the kinds of route it may call
 * @param cidrs     client address ranges it may be used from; empty: any
 * @param expiresAt when it stops working (epoch ms), or null
 * @param limits    budget and rate settings
 * @param metadata  free-form data of its creator, returned as given
 * @param status    active or revoked
 */
public record VirtualKey(String id, String name, String teamId, List<String> models, Set<Endpoint> endpoints,
        List<Cidr> cidrs, Long expiresAt, Limits limits, ObjectNode metadata, Status status, long createdAt,
        long updatedAt, Long revokedAt) implements Issued.Key {

    public enum Status {
        ACTIVE, REVOKED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public VirtualKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        models = List.copyOf(models);
        endpoints = endpoints.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(endpoints));
        cidrs = List.copyOf(cidrs);
        Objects.requireNonNull(limits, "limits");
        metadata = metadata.deepCopy();
        Objects.requireNonNull(status, "status");
    }

    public boolean isExpired(long now) {
        return expiresAt != null && now >= expiresAt;
    }
}
