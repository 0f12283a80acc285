package dev.gatehouse.server.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/** What a caller asks a key to be: the settable fields of {@link VirtualKey}. */
public record KeyDraft(String name, String teamId, List<String> models, Set<Endpoint> endpoints, List<Cidr> cidrs,
        Long expiresAt, Limits limits, ObjectNode metadata) {

    public KeyDraft {
        models = List.copyOf(models);
        endpoints = Set.copyOf(endpoints);
        cidrs = List.copyOf(cidrs);
        metadata = metadata.deepCopy();
    }

    /** The draft of an existing key, to change some of its fields. */
    public static KeyDraft of(VirtualKey key) {
        return new KeyDraft(key.name(), key.teamId(), key.models(), key.endpoints(), key.cidrs(), key.expiresAt(),
                key.limits(), key.metadata());
    }
}
