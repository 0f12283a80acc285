package dev.gatehouse.server.limit;

import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.Team;
import java.util.ArrayList;
import java.util.List;

/**
 * One limited party of a request: its key, its key's team, or the end user it names. A request
 * is held to the limits of each.
 *
 * @param kind   {@code key}, {@code team} or {@code end_user}, as counter names spell it
 * @param id     the key's, the team's or the end user's id
 * @param limits its limits
 */
record Scope(String kind, String id, Limits limits) {

    /** The key and its team, each where it has limits; empty for a caller without any. */
    static List<Scope> of(Caller caller) {
        return of(caller, null, Limits.NONE);
    }

    /**
     * The key, its team and the end user (null: none), each where it has limits; an end user no
     * admin created is held to {@code endUserDefaults}.
     */
    static List<Scope> of(Caller caller, EndUserLimits endUser, Limits endUserDefaults) {
        List<Scope> scopes = new ArrayList<>(3);
        if (limited(caller.key().limits())) {
            scopes.add(new Scope("key", caller.keyId(), caller.key().limits()));
        }
        caller.team().map(Team::limits).filter(Scope::limited)
                .ifPresent(limits -> scopes.add(new Scope("team", caller.team().get().id(), limits)));
        if (endUser != null && limited(endUser.or(endUserDefaults))) {
            scopes.add(new Scope(END_USER, endUser.id(), endUser.or(endUserDefaults)));
        }
        return scopes;
    }

    static final String END_USER = "end_user";

    /** "the key's", "the team's" or "the end user's", as a refusal names whose limit it was. */
    String owner() {
        return "the " + spoken() + "'s";
    }

    /** {@link #owner()} at the start of a sentence. */
    String ownerCapitalized() {
        return "The " + spoken() + "'s";
    }

    private String spoken() {
        return kind.equals(END_USER) ? "end user" : kind;
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
