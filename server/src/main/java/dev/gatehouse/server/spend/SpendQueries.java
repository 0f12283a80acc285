package dev.gatehouse.server.spend;

import dev.gatehouse.server.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Spend over a time range, by key, team, model, end user, tag or day (UTC), and the raw rows as CSV. The admin
 * API serves these; every query reads {@code spend_log} through its time index (or the key and
 * team indexes), and a range is half-open: {@code from} inclusive, {@code to} exclusive.
 */
public final class SpendQueries {

    /** Rows read per round trip by the CSV export, which never holds a whole range in memory. */
    static final int EXPORT_PAGE = 1000;

    private final Database database;

    public SpendQueries(Database database) {
        this.database = database;
    }

    /**
     * Spend of one group (a key id, team id, model name or day) in the range.
     *
     * @param group            the key id, team id (null: keys without a team), model (null: refused before a
     *                         model was read) or day ({@code 2026-11-26})
     * @param requests         rows in the group
     * @param promptTokens     prompt tokens of the rows that reported usage
     * @param completionTokens completion tokens of the rows that reported usage
     * @param costUsd          the sum of the known costs, zero when none is known
     * @param unpricedRequests rows whose cost is unknown (no price, or no usage reported), not in {@code costUsd}
     */
    public record Total(String group, long requests, long promptTokens, long completionTokens, BigDecimal costUsd,
            long unpricedRequests) {}

    public List<Total> byKey(Instant from, Instant to) {
        return grouped("key_id", from, to);
    }

    public List<Total> byTeam(Instant from, Instant to) {
        return grouped("team_id", from, to);
    }

    public List<Total> byModel(Instant from, Instant to) {
        return grouped("model", from, to);
    }

    /** By the end user requests named; rows that named none are the group null. */
    public List<Total> byEndUser(Instant from, Instant to) {
        return grouped("end_user", from, to);
    }

    /**
     * By tag, from {@code spend_tags}: a row with several tags counts in each, a row without tags in
     * none (so the groups do not add up to the total, as in LiteLLM's spend by tag).
     */
    public List<Total> byTag(Instant from, Instant to) {
        check(from, to);
        String sql = "SELECT tag AS grp, COUNT(*) AS requests, COALESCE(SUM(prompt_tokens), 0) AS prompt,"
                + " COALESCE(SUM(completion_tokens), 0) AS completion, COALESCE(SUM(cost_usd), 0) AS cost,"
                + " SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced"
                + " FROM spend_tags WHERE at >= ? AND at < ? GROUP BY tag ORDER BY grp";
        return database.query(sql, SpendQueries::total, from.toEpochMilli(), to.toEpochMilli());
    }

    /** By UTC day, oldest first. */
    public List<Total> byDay(Instant from, Instant to) {
        return grouped("at / 86400000", from, to).stream()
                .map(t -> new Total(LocalDate.ofEpochDay(Long.parseLong(t.group())).toString(), t.requests(),
                        t.promptTokens(), t.completionTokens(), t.costUsd(), t.unpricedRequests()))
                .toList();
    }

    /** What one key has spent since {@code from} (known costs only): where a key's budget period starts from. */
    public BigDecimal keySpentSince(String keyId, Instant from) {
        return spentSince("key_id", keyId, from);
    }

    /** What one team's keys have spent since {@code from} (known costs only). */
    public BigDecimal teamSpentSince(String teamId, Instant from) {
        return spentSince("team_id", teamId, from);
    }

    /** What requests naming the end user have spent since {@code from}, whatever their key: its budget's start. */
    public BigDecimal endUserSpentSince(String endUserId, Instant from) {
        return spentSince("end_user", endUserId, from);
    }

    /** Reads through the spend_log_key_at / _team_at / _end_user_at index; {@code column} is fixed above. */
    private BigDecimal spentSince(String column, String id, Instant from) {
        return database.queryOne("SELECT COALESCE(SUM(cost_usd), 0) AS cost FROM spend_log WHERE " + column
                + " = ? AND at >= ?", row -> row.getBigDecimal("cost"), id, from.toEpochMilli())
                .orElse(BigDecimal.ZERO);
    }

    /**
     * {@code column} is one of the fixed expressions above, never a caller's text. Carried rows
     * ({@link CarriedSpend}) count by end user only: in any other grouping their dollars are there twice.
     */
    private List<Total> grouped(String column, Instant from, Instant to) {
        check(from, to);
        String carried = column.equals("end_user") ? "" : " AND " + CarriedSpend.NOT_CARRIED;
        String sql = "SELECT " + column + " AS grp, COUNT(*) AS requests, COALESCE(SUM(prompt_tokens), 0) AS prompt,"
                + " COALESCE(SUM(completion_tokens), 0) AS completion, COALESCE(SUM(cost_usd), 0) AS cost,"
                + " SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced"
                + " FROM spend_log WHERE at >= ? AND at < ?" + carried + " GROUP BY " + column + " ORDER BY grp";
        return database.query(sql, SpendQueries::total, from.toEpochMilli(), to.toEpochMilli());
    }

    private static Total total(ResultSet row) throws SQLException {
        return new Total(row.getString("grp"), row.getLong("requests"), row.getLong("prompt"), row.getLong("completion"),
                row.getBigDecimal("cost").stripTrailingZeros(), row.getLong("unpriced"));
    }

    /** The first characters that make a spreadsheet read a cell as a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r\n";

    static final String CSV_HEADER = "time,request_id,key_id,team_id,model,provider,upstream_model,route,"
            + "prompt_tokens,completion_tokens,cached_tokens,cache_write_tokens,reasoning_tokens,images,cost_usd,"
            + "cost_estimated,status,outcome,latency_ms,ttft_ms,cache_hit,guardrail,end_user,tags";

    /** Writes every row of the range as CSV (RFC 4180, a header line first), oldest first; returns the rows written. */
    public long exportCsv(Instant from, Instant to, Appendable out) {
        check(from, to);
        try {
            out.append(CSV_HEADER).append("\r\n");
            long lastId = -1;
            long count = 0;
            while (true) {
                List<Row> page = database.query("SELECT * FROM spend_log WHERE at >= ? AND at < ? AND id > ?"
                        + " ORDER BY id LIMIT " + EXPORT_PAGE, SpendQueries::row, from.toEpochMilli(),
                        to.toEpochMilli(), lastId);
                for (Row row : page) {
                    out.append(row.csv()).append("\r\n");
                    lastId = row.id();
                }
                count += page.size();
                if (page.size() < EXPORT_PAGE) {
                    return count;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Row(long id, String csv) {}

    private static Row row(ResultSet r) throws SQLException {
        StringBuilder line = new StringBuilder(256);
        line.append(Instant.ofEpochMilli(r.getLong("at")).atOffset(ZoneOffset.UTC)).append(',');
        for (String text : List.of("request_id", "key_id", "team_id", "model", "provider", "upstream_model", "route")) {
            line.append(text(r.getString(text))).append(',');
        }
        for (String number : List.of("prompt_tokens", "completion_tokens", "cached_tokens", "cache_write_tokens",
                "reasoning_tokens", "images")) {
            line.append(Objects.toString(Database.nullableLong(r, number), "")).append(',');
        }
        BigDecimal cost = r.getBigDecimal("cost_usd");
        line.append(cost == null ? "" : cost.stripTrailingZeros().toPlainString()).append(',')
                .append(r.getBoolean("cost_estimated")).append(',')
                .append(r.getInt("status")).append(',')
                .append(text(r.getString("outcome"))).append(',')
                .append(r.getLong("latency_ms")).append(',')
                .append(Objects.toString(Database.nullableLong(r, "ttft_ms"), "")).append(',')
                .append(r.getBoolean("cache_hit")).append(',')
                .append(text(r.getString("guardrail"))).append(',')
                .append(text(r.getString("end_user"))).append(',')
                .append(text(r.getString("tags")));
        return new Row(r.getLong("id"), line.toString());
    }

    /**
     * A text cell: quoted when it holds a comma, quote or line break; and a cell that starts with
     * {@code = + - @}, a tab, a carriage return or a line feed is escaped with a quote mark so that
     * a spreadsheet never runs it as a formula (spreadsheets skip a leading tab or line break and
     * read the formula after it; OWASP's CSV injection list).
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static void check(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the range must end after it starts: " + from + " .. " + to);
        }
    }
}
