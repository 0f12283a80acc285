package dev.gatehouse.server.cache;

import java.util.Objects;

/**
 * Whose cache an answer lives in. Every key is made inside one namespace, so one tenant's
 * request never finds another tenant's answer, however alike the requests are.
 */
public sealed interface CacheNamespace {

    /** What goes into the key: the kind and the id, so a team and a key with the same id differ. */
    String tag();

    /** Shared by the keys of one team (the default). */
    record Team(String teamId) implements CacheNamespace {
        public Team {
            Objects.requireNonNull(teamId, "teamId");
        }

        @Override
        public String tag() {
            return "team:" + teamId;
        }
    }

    /** One virtual key's own cache: when the setting says so, or for a key with no team. */
    record Key(String keyId) implements CacheNamespace {
        public Key {
            Objects.requireNonNull(keyId, "keyId");
        }

        @Override
        public String tag() {
            return "key:" + keyId;
        }
    }

    /**
     * A part of a tenant's cache a caller names (LiteLLM's {@code cache.namespace}): inside the
     * tenant's, so naming one never reaches another tenant's answers.
     */
    record Within(CacheNamespace tenant, String name) implements CacheNamespace {
        public Within {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String tag() {
            return tenant.tag() + "/namespace:" + name;
        }
    }

    /** This namespace, or its part {@code name} when a request names one (null: none). */
    default CacheNamespace within(String name) {
        return name == null ? this : new Within(this, name);
    }

    /**
     * The namespace of a request by {@code keyId}, of {@code teamId} (null for a key with no
     * team): the team's unless {@code perKey} asks for the key's own, or there is no team.
     */
    static CacheNamespace of(String teamId, String keyId, boolean perKey) {
        return perKey || teamId == null ? new Key(keyId) : new Team(teamId);
    }
}
