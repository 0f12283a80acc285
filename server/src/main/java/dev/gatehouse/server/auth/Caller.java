package dev.gatehouse.server.auth;

import java.util.Optional;

/**
 * Who is calling, once the key check has passed: the key and its team. Handlers pass it on to
 * the model check ({@link Authenticator#checkModel}) and, later, to spend and limits.
 */
public record Caller(VirtualKey key, Optional<Team> team) {

    public String keyId() {
        return key.id();
    }
}
