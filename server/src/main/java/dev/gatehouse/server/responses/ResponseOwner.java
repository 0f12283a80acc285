package dev.gatehouse.server.responses;

import dev.gatehouse.server.auth.Caller;

/**
 * Whose a stored response is. A team's keys share their responses (an agent may rotate its key, or
 * run with several keys of one team); a key without a team owns its own. Team and key ids have
 * different prefixes ({@code team_…}, {@code key_…}), so the two never name the same owner.
 */
public final class ResponseOwner {

    private ResponseOwner() {}

    /** The owner of what {@code caller} stores, and the only owner whose responses it may read. */
    public static String of(Caller caller) {
        String team = caller.key().teamId();
        return team != null ? team : caller.keyId();
    }
}
