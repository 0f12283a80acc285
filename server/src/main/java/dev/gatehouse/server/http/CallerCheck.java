package dev.gatehouse.server.http;

import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;

/**
 * How the first stage of the {@link Pipeline} learns who is calling: by default the virtual key in
 * the request's headers; for a request made on a key's behalf by someone already known (an admin
 * in the console's playground), the one serving it says which key. Either way the key is checked
 * for the route's endpoint, and everything after (scope, limits, spend) is the key's.
 */
@FunctionalInterface
public interface CallerCheck {

    /**
     * The caller of the request {@code incoming} on a route of {@code endpoint}; throws the refusal
     * to answer with (in the route's error format). It may read the body ({@link Incoming#json()}
     * reads it once), but records nothing of it: the route has not read and accepted it yet.
     */
    Caller check(Incoming incoming, Endpoint endpoint);

    /**
     * Told, once the route has read and accepted the request, the public model it asks for: from
     * here on what the request asks for may be recorded. Runs on the request's thread, before the
     * key's model scope and limits are checked; must not throw.
     */
    default void accepted(Caller caller, String model) {}
}
