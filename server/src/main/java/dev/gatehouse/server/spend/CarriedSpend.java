package dev.gatehouse.server.spend;

/**
 * Spend rows that repeat dollars other rows already hold, kept so that one budget reads them: an
 * end user's spend so far imported from LiteLLM, which keeps no split of it by key while its keys'
 * own rows hold the same dollars (docs/migrating-from-litellm.md, "Spend"). Spend by end user
 * reads them; every other total leaves them out, so nothing is counted twice.
 */
public final class CarriedSpend {

    /** The route of a carried row: never a route a request is served on. */
    public static final String ROUTE = "end_user_carried";

    /** The condition that leaves carried rows out of a query over {@code spend_log}. */
    static final String NOT_CARRIED = "route <> '" + ROUTE + "'";

    private CarriedSpend() {}
}
