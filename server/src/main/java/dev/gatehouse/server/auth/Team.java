package dev.gatehouse.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * A team: owns keys, and carries the models its keys may use (a key never reaches beyond its
 * team's models) and its own budget and rates.
 */
public record Team(String id, String name, List<String> models, Limits limits, ObjectNode metadata,
        long createdAt, long updatedAt) {

    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        models = List.copyOf(models);
        Objects.requireNonNull(limits, "limits");
        metadata = metadata.deepCopy();
    }
}
