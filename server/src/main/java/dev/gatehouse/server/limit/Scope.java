package dev.gatehouse.server.limit;

import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.Team;
import java.util.ArrayList;
import java.util.List;

/**
 * One limited party of a request: its key, or its key's team. A request is held to the limits
 * of both.
 *
 * @param kind   {@code key} or {@code team}, as counter names and refusals spell it
 * @param id     the key's or the team's id
 * @param limits its limits
 */
record Scope(String kind, String id, Limits limits) {

    /** The key and its team, each where it has limits; empty for a caller without any. */
    static List<Scope> of(Caller caller) {
        List<Scope> scopes = new ArrayList<>(2);
        if (limited(caller.key().limits())) {
            scopes.add(new Scope("key", caller.keyId(), caller.key().limits()));
        }
        caller.team().map(Team::limits).filter(Scope::limited)
                .ifPresent(limits -> scopes.add(new Scope("team", caller.team().get().id(), limits)));
        return scopes;
    }

    /** "the key's" or "the team's", as a refusal names whose limit it was. */
    String owner() {
        return "the " + kind + "'s";
    }

    /** {@link #owner()} at the start of a sentence. */
    String ownerCapitalized() {
        return "The " + kind + "'s";
    }

    /** The counter name of this scope's limit of {@code kind}: {@code rpm:key:key_1}. */
    String counter(String limitKind) {
        return limitKind + ":" + kind + ":" + id;
    }

    boolean budgeted() {
        return limits.maxBudget() != null || limits.softBudget() != null;
    }

    private static boolean limited(Limits limits) {
        return limits.maxBudget() != null || limits.softBudget() != null || limits.rpm() != null
                || limits.tpm() != null || limits.maxParallel() != null;
    }
}
