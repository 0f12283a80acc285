package dev.gatehouse.server.spend;

import dev.gatehouse.server.store.Database;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The spend log over time: requests, errors, tokens and cost per minute, hour or day (UTC), every
 * bucket of the range present, the empty ones as zeros, so that a chart needs no gaps filled. The
 * range is widened to whole buckets: {@code from} down to its bucket's start, {@code to} up to the
 * next bucket's start (unless it is one), so that every bucket counts its whole interval.
 */
public final class SpendSeries {

    /** A series is at most this many buckets: a chart has no use for more, and the answer stays small. */
    public static final int MAX_BUCKETS = 1500;

    /** The widths a series is counted in; each divides a UTC day, so the buckets align with UTC. */
    public enum Width {
        MINUTE(Duration.ofMinutes(1)), HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1));

        private final Duration length;

        Width(Duration length) {
            this.length = length;
        }

        public Duration length() {
            return length;
        }

        /** As the admin API writes it: {@code minute}, {@code hour}, {@code day}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The width named {@code text}, or null. */
        public static Width named(String text) {
            for (Width width : values()) {
                if (width.wireName().equals(text)) {
                    return width;
                }
            }
            return null;
        }

        long millis() {
            return length.toMillis();
        }

        /** The start of the bucket that holds {@code at}. */
        Instant floor(Instant at) {
            return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis()) * millis());
        }

        /** {@code at} if it starts a bucket, else the start of the next one. */
        Instant ceiling(Instant at) {
            Instant floor = floor(at);
            return floor.equals(at) ? at : floor.plus(length);
        }
    }

    /**
     * One bucket of the series.
     *
     * @param start            when it starts (UTC); it ends where the next one starts
     * @param requests         spend rows in it
     * @param errors           rows whose outcome is not {@code success} (refused, upstream error, caller gone)
     * @param promptTokens     prompt tokens of the rows that reported usage
     * @param completionTokens completion tokens of the rows that reported usage
     * @param costUsd          the sum of the known costs, zero when none is known
     * @param unpricedRequests rows whose cost is unknown, not in {@code costUsd}
     */
    public record Bucket(Instant start, long requests, long errors, long promptTokens, long completionTokens,
            BigDecimal costUsd, long unpricedRequests) {

        static Bucket empty(Instant start) {
            return new Bucket(start, 0, 0, 0, 0, BigDecimal.ZERO, 0);
        }
    }

    /** A series: the range it covers, whole buckets, and its buckets, oldest first. */
    public record Series(Instant from, Instant to, Width width, List<Bucket> buckets) {}

    private final Database database;

    public SpendSeries(Database database) {
        this.database = database;
    }

    /** How many buckets of {@code width} the range {@code from .. to} spans once widened to whole buckets. */
    public static long bucketCount(Instant from, Instant to, Width width) {
        return Duration.between(width.floor(from), width.ceiling(to)).toMillis() / width.millis();
    }

    /**
     * The series over {@code from} (inclusive) to {@code to} (exclusive), widened to whole buckets.
     * IllegalArgumentException when the range is empty or spans more than {@link #MAX_BUCKETS}.
     */
    public Series over(Instant from, Instant to, Width width) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the range must end after it starts: " + from + " .. " + to);
        }
        long count = bucketCount(from, to, width);
        if (count > MAX_BUCKETS) {
            throw new IllegalArgumentException("the range spans " + count + " buckets of a " + width.wireName()
                    + "; at most " + MAX_BUCKETS);
        }
        Instant start = width.floor(from);
        Instant end = width.ceiling(to);
        Map<Long, Bucket> found = new HashMap<>();
        for (Bucket bucket : query(start, end, width)) {
            found.put(bucket.start().toEpochMilli(), bucket);
        }
        List<Bucket> buckets = new ArrayList<>((int) count);
        for (Instant at = start; at.isBefore(end); at = at.plus(width.length())) {
            buckets.add(found.getOrDefault(at.toEpochMilli(), Bucket.empty(at)));
        }
        return new Series(start, end, width, buckets);
    }

    /**
     * The non-empty buckets, read through the spend_log_at index. The bucket is the row's time
     * divided by the width in whole milliseconds: integer division of a BIGINT on H2 and on
     * PostgreSQL alike, and times are never before 1970, so it is a floor. The width is written
     * into the statement (one of three constants, never a caller's text) so that the expression
     * in the select list and the one in GROUP BY are the same to PostgreSQL.
     */
    private List<Bucket> query(Instant from, Instant to, Width width) {
        String bucket = "at / " + width.millis();
        String sql = "SELECT " + bucket + " AS bucket, COUNT(*) AS requests,"
                + " SUM(CASE WHEN outcome <> '" + SpendRecord.Outcome.SUCCESS.text() + "' THEN 1 ELSE 0 END) AS errors,"
                + " COALESCE(SUM(prompt_tokens), 0) AS prompt, COALESCE(SUM(completion_tokens), 0) AS completion,"
                + " COALESCE(SUM(cost_usd), 0) AS cost, SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced"
                + " FROM spend_log WHERE at >= ? AND at < ? AND " + CarriedSpend.NOT_CARRIED
                + " GROUP BY " + bucket + " ORDER BY bucket";
        return database.query(sql, row -> new Bucket(Instant.ofEpochMilli(row.getLong("bucket") * width.millis()),
                row.getLong("requests"), row.getLong("errors"), row.getLong("prompt"), row.getLong("completion"),
                row.getBigDecimal("cost").stripTrailingZeros(), row.getLong("unpriced")),
                from.toEpochMilli(), to.toEpochMilli());
    }
}
