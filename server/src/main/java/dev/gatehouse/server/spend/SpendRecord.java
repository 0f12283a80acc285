package dev.gatehouse.server.spend;

import dev.gatehouse.server.store.StoredText;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One row of the spend log: one model request that passed the key check. Token counts, images,
 * cost and time to first token are null when unknown; nothing of the prompt or the answer is kept.
 *
 * <p>A record is valid by construction: every text is fitted to its column in {@code spend_log}
 * ({@link StoredText#fit}: cut to the column's width, control characters replaced), so no text
 * that came with a request can make the row unwritable and hold up the rows queued behind it.
 *
 * @param at            when the request arrived, epoch milliseconds
 * @param requestId     the request's {@code x-request-id}
 * @param keyId         the virtual key's id
 * @param teamId        the key's team, or null
 * @param model         the public model name the caller asked for, or null when the request was refused before
 * @param provider      the deployment's provider, or null when no deployment was chosen
 * @param upstreamModel the deployment's upstream model name, or null
 * @param route         the route ({@code chat_completions}, {@code embeddings}, {@code images_generations}, …)
 * @param tokens        the tokens by kind, or null when the provider reported none
 * @param images        images generated, or null
 * @param costUsd       the cost in US dollars, or null when unknown
 * @param costEstimated whether the cost is an estimate rather than computed from the provider's own counts
 * @param status        the HTTP status the caller got (499 when the caller went away)
 * @param outcome       what happened, see {@link Outcome}
 * @param latencyMs     the whole request's time, milliseconds
 * @param ttftMs        time to the first streamed chunk, milliseconds; null when not streamed
 * @param cacheHit      whether Gatehouse answered from its response cache (then the cost is 0 and there is no deployment)
 * @param guardrail     the strongest action the guardrails took on the request, or null when none
 * @param endUser       the end user the request named (docs/spend.md, "End users and tags"), or null
 * @param tags          the request's tags, empty when none
 */
public record SpendRecord(long at, String requestId, String keyId, String teamId, String model, String provider,
        String upstreamModel, String route, Tokens tokens, Integer images, BigDecimal costUsd, boolean costEstimated,
        int status, Outcome outcome, long latencyMs, Long ttftMs, boolean cacheHit, GuardrailFlag guardrail,
        String endUser, List<String> tags) {

    /** A row that names no end user and no tags. */
    public SpendRecord(long at, String requestId, String keyId, String teamId, String model, String provider,
            String upstreamModel, String route, Tokens tokens, Integer images, BigDecimal costUsd,
            boolean costEstimated, int status, Outcome outcome, long latencyMs, Long ttftMs, boolean cacheHit,
            GuardrailFlag guardrail) {
        this(at, requestId, keyId, teamId, model, provider, upstreamModel, route, tokens, images, costUsd,
                costEstimated, status, outcome, latencyMs, ttftMs, cacheHit, guardrail, null, List.of());
    }

    /** A row the guardrails did nothing to. */
    public SpendRecord(long at, String requestId, String keyId, String teamId, String model, String provider,
            String upstreamModel, String route, Tokens tokens, Integer images, BigDecimal costUsd,
            boolean costEstimated, int status, Outcome outcome, long latencyMs, Long ttftMs, boolean cacheHit) {
        this(at, requestId, keyId, teamId, model, provider, upstreamModel, route, tokens, images, costUsd,
                costEstimated, status, outcome, latencyMs, ttftMs, cacheHit, null);
    }

    public SpendRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(outcome, "outcome");
        requestId = StoredText.fit(requestId, Columns.REQUEST_ID);
        keyId = StoredText.fit(keyId, Columns.ID);
        teamId = StoredText.fit(teamId, Columns.ID);
        model = StoredText.fit(model, Columns.MODEL);
        provider = StoredText.fit(provider, Columns.PROVIDER);
        upstreamModel = StoredText.fit(upstreamModel, Columns.MODEL);
        route = StoredText.fit(route, Columns.ROUTE);
        endUser = StoredText.fit(endUser, Columns.END_USER);
        tags = tags.stream().map(tag -> StoredText.fit(tag, Columns.TAG)).distinct().toList();
    }

    /** The widths of {@code spend_log}'s text columns (V2__spend.sql; guardrail in V6; end user and tags in V7). */
    static final class Columns {
        static final int REQUEST_ID = 128;
        static final int ID = 40;
        static final int MODEL = 256;
        static final int PROVIDER = 64;
        static final int ROUTE = 40;
        static final int END_USER = 256;
        static final int TAG = 64;

        private Columns() {}
    }

    /** Token counts as the provider reported them; prompt includes cached, completion includes reasoning. */
    public record Tokens(int prompt, int completion, Integer cached, Integer cacheWrite, Integer reasoning) {}

    /** What became of the request. */
    public enum Outcome {
        /** Answered in full. */
        SUCCESS("success"),
        /**
         * Refused by Gatehouse: before any upstream call (bad request, model not allowed, …), or
         * after it when a guardrail withheld the answer (the row's guardrail flag says blocked).
         */
        REFUSED("refused"),
        /** The upstream failed, before or during the answer. */
        UPSTREAM_ERROR("upstream_error"),
        /** The caller went away before the answer was complete. */
        DISCONNECTED("disconnected");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        static Outcome of(String text) {
            for (Outcome outcome : values()) {
                if (outcome.text.equals(text)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("unknown outcome " + text);
        }
    }
}
