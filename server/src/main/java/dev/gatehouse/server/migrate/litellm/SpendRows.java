package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.server.auth.KeyFormat;
import dev.gatehouse.server.spend.CarriedSpend;
import dev.gatehouse.server.store.Database;
import java.sql.SQLException;

/**
 * LiteLLM's spend as rows of Gatehouse's spend log, where budgets read what was spent
 * (docs/spend.md). Each row has a request id made from the Gatehouse key (or team) it belongs to,
 * so a row is written once however often the migration runs. No tokens are invented: the spend
 * so far has none, a day of history the sums LiteLLM kept.
 */
final class SpendRows {

    /** The route of a key's (or team's) spend so far: one row at the import time. */
    static final String SO_FAR = "litellm_import";
    /**
     * The route of an end user's spend so far: carried, since its keys' rows hold the same dollars
     * (LiteLLM keeps no split by key), so only spend by end user and the end user's budget read it.
     */
    static final String END_USER_SO_FAR = CarriedSpend.ROUTE;
    /** The route of one past day's spend of a key on one model. */
    static final String HISTORY = "litellm_history";
    /**
     * The key id of spend that is no imported key's (a team's beyond its imported keys, an end user's
     * so far): the spend log needs a key id (it has no foreign key), and no Gatehouse key has this one.
     */
    static final String NO_KEY = "litellm-import";
    /** End user ids up to this long stand in request ids as they are; longer ones by their hash. */
    private static final int MAX_END_USER_IN_ID = 64;
    private static final int MAX_REQUEST_ID = 128;

    private SpendRows() {}

    static String requestId(String route, String ownerId, String part) {
        String id = (route.equals(HISTORY) ? "litellm-history:" : "litellm-import:") + ownerId + part;
        return id.length() <= MAX_REQUEST_ID ? id : id.substring(0, MAX_REQUEST_ID);
    }

    /**
     * What stands for an end user in its spend row's request id: {@code end_user:} and its id, or
     * {@code end_user#} and the id's SHA-256 when it is long (request ids are at most 128 characters,
     * end user ids up to 256, and cutting them could make two end users' ids one).
     */
    static String endUserOwner(String endUserId) {
        return endUserId.length() <= MAX_END_USER_IN_ID ? "end_user:" + endUserId
                : "end_user#" + KeyFormat.hash(endUserId);
    }

    /** Writes the row unless one with its request id is there already; whether it wrote. */
    static boolean write(Database.Tx tx, Planned.SpendImport row, String requestId, String keyId, String teamId)
            throws SQLException {
        // end_user is the row's end user (null for a key's or team's), so an end user's budget reads it.
        if (tx.queryOne("SELECT 1 FROM spend_log WHERE request_id = ?", r -> 1, requestId).isPresent()) {
            return false;
        }
        tx.update("INSERT INTO spend_log (at, request_id, key_id, team_id, model, provider, upstream_model, route,"
                + " prompt_tokens, completion_tokens, cost_usd, cost_estimated, status, outcome, latency_ms, cache_hit,"
                + " end_user) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, FALSE, 200, 'success', 0, FALSE, ?)",
                row.at(), requestId, keyId, teamId, row.model(), row.route(), row.promptTokens(),
                row.completionTokens(), row.costUsd(), row.endUserId());
        return true;
    }

    static boolean exists(Database database, String requestId) {
        return database.queryOne("SELECT 1 FROM spend_log WHERE request_id = ?", r -> 1, requestId).isPresent();
    }
}
