package dev.gatehouse.server.migrate.litellm;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the Gatehouse store already holds, as far as a migration plan needs to know: what an earlier run brought. */
interface GatehouseState {

    /** LiteLLM team id → the Gatehouse team an earlier run imported it as. */
    Map<String, String> importedTeams();

    /** The names of every Gatehouse team (names are unique). */
    Set<String> teamNames();

    /** The Gatehouse key a secret's hash opens, if any. */
    Optional<String> keyIdOfHash(String hash);

    /** Whether the spend log has a row with this request id. */
    boolean hasSpendRow(String requestId);
}
