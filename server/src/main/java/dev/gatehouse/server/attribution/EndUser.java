package dev.gatehouse.server.attribution;

import dev.gatehouse.server.auth.Limits;
import java.util.Objects;

/**
 * An end user as stored (LiteLLM's customer): the id callers send as the request's {@code user}
 * (or a header), with budgets and rate limits of its own, enforced like a key's.
 *
 * @param id      the id requests name, as they name it
 * @param alias   a label for people, or null
 * @param limits  its budget and rates ({@link Limits#NONE}: none)
 * @param blocked whether every request naming it is refused
 */
public record EndUser(String id, String alias, Limits limits, boolean blocked, long createdAt, long updatedAt) {

    public EndUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(limits, "limits");
    }
}
