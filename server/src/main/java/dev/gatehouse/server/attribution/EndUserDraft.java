package dev.gatehouse.server.attribution;

import dev.gatehouse.server.auth.Limits;
import java.util.Objects;

/** What an admin asks an end user to be: the settable fields of {@link EndUser}. */
public record EndUserDraft(String alias, Limits limits, boolean blocked) {

    public static final EndUserDraft EMPTY = new EndUserDraft(null, Limits.NONE, false);

    public EndUserDraft {
        Objects.requireNonNull(limits, "limits");
    }

    public static EndUserDraft of(EndUser user) {
        return new EndUserDraft(user.alias(), user.limits(), user.blocked());
    }
}
