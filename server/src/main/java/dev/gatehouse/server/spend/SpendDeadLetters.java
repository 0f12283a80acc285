package dev.gatehouse.server.spend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.WriteFailure;

/**
 * {@code spend_dead_letter}: spend rows the database refused on their own, kept with its reason
 * so that the rows queued behind them could be written (V3__dead_letters.sql). A row is kept as
 * JSON text of its fields; every text in it is already fitted to its column, so the JSON stays
 * far below the column's width.
 */
final class SpendDeadLetters {

    static final int REASON = 1000;

    private final Database database;

    SpendDeadLetters(Database database) {
        this.database = database;
    }

    /** Keeps {@code record}, refused with {@code failure}. */
    void setAside(SpendRecord record, RuntimeException failure, long now) {
        database.update("INSERT INTO spend_dead_letter (set_aside, request_id, key_id, sql_state, reason, spend_row)"
                + " VALUES (?, ?, ?, ?, ?, ?)", now, record.requestId(), record.keyId(), WriteFailure.state(failure),
                WriteFailure.reason(failure, REASON), Json.text(json(record)));
    }

    static ObjectNode json(SpendRecord r) {
        ObjectNode out = Json.object().put("at", r.at()).put("request_id", r.requestId()).put("key_id", r.keyId())
                .put("team_id", r.teamId()).put("model", r.model()).put("provider", r.provider())
                .put("upstream_model", r.upstreamModel()).put("route", r.route());
        if (r.tokens() != null) {
            SpendRecord.Tokens t = r.tokens();
            out.put("prompt_tokens", t.prompt()).put("completion_tokens", t.completion())
                    .put("cached_tokens", t.cached()).put("cache_write_tokens", t.cacheWrite())
                    .put("reasoning_tokens", t.reasoning());
        }
        out.put("images", r.images()).put("cost_usd", r.costUsd() == null ? null : r.costUsd().toPlainString())
                .put("cost_estimated", r.costEstimated()).put("status", r.status()).put("outcome", r.outcome().text())
                .put("latency_ms", r.latencyMs()).put("ttft_ms", r.ttftMs()).put("cache_hit", r.cacheHit())
                .put("guardrail", r.guardrail() == null ? null : r.guardrail().text()).put("end_user", r.endUser());
        r.tags().forEach(out.putArray("tags")::add);
        return out;
    }
}
