package dev.gatehouse.server.limit;

import dev.gatehouse.server.auth.Limits;
import java.util.Objects;

/**
 * The end user a request names, as the limiter holds it: its id (counters are named by it, so its
 * limits hold across every key that names it) and its limits.
 *
 * @param limits the stored end user's limits; null for an end user no admin has created, which is held to
 *               {@link LimitSettings#endUserDefaults()}
 */
public record EndUserLimits(String id, Limits limits) {

    public EndUserLimits {
        Objects.requireNonNull(id, "id");
    }

    /** Its own limits, or the defaults of one not stored. */
    Limits or(Limits defaults) {
        return limits != null ? limits : defaults;
    }
}
