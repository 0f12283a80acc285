package dev.gatehouse.server.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.spend.SpendQueries.Total;
import dev.gatehouse.server.spend.SpendRecord.Outcome;
import dev.gatehouse.server.spend.SpendRecord.Tokens;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.Await;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spend log's writer and queries, run against each database Gatehouse supports (the
 * subclasses name the store): batches, the flush on close, counted drops, retention, every
 * grouping, and the CSV export.
 */
abstract class SpendContract {

    static final Instant DAY1 = Instant.parse("2026-11-24T10:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-11-25T23:59:59Z");

    Database database;
    SpendQueries queries;

    abstract StoreSettings store();

    @BeforeEach
    void open() {
        database = Database.open(store());
        queries = new SpendQueries(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static SpendRecord row(Instant at, String key, String team, String model, Tokens tokens, String cost) {
        return new SpendRecord(at.toEpochMilli(), "req-" + at.toEpochMilli() + "-" + key, key, team, model, "mock",
                model, "chat_completions", tokens, null, cost == null ? null : new BigDecimal(cost), false, 200,
                Outcome.SUCCESS, 12, null, false);
    }

    SpendWriter writer(int batchSize, int capacity) {
        return new SpendWriter(database, new SpendSettings(true, Duration.ofMillis(50), batchSize, capacity, 0),
                Clock.systemUTC());
    }

    long count() {
        return database.queryOne("SELECT COUNT(*) FROM spend_log", r -> r.getLong(1)).orElseThrow();
    }

    @Test
    void closeWritesEveryQueuedRowInBatches() {
        SpendWriter writer = writer(7, 10_000);
        for (int i = 0; i < 1_234; i++) {
            assertTrue(writer.offer(row(DAY1.plusMillis(i), "key_a", null, "m", new Tokens(1, 1, null, null, null),
                    "0.001")));
        }
        writer.close();
        assertEquals(1_234, count());
        assertEquals(1_234, writer.written());
        assertEquals(0, writer.dropped());
    }

    @Test
    void everyFieldIsStoredAsGivenAndUnknownsStayNull() {
        SpendWriter writer = writer(10, 100);
        SpendRecord full = new SpendRecord(DAY1.toEpochMilli(), "req-1", "key_a", "team_x", "claude", "anthropic",
                "claude-sonnet-4-5", "chat_completions", new Tokens(100, 50, 20, 10, 5), null,
                new BigDecimal("0.0012345678"), false, 200, Outcome.SUCCESS, 321, 45L, false);
        SpendRecord unknown = new SpendRecord(DAY1.toEpochMilli() + 1, "req-2", "key_a", null, null, null, null,
                "images_generations", null, 2, null, false, 502, Outcome.UPSTREAM_ERROR, 9, null, false);
        writer.offer(full);
        writer.offer(unknown);
        writer.close();
        StringBuilder csv = new StringBuilder();
        queries.exportCsv(DAY1, DAY2, csv);
        List<String> lines = csv.toString().lines().toList();
        assertEquals(SpendQueries.CSV_HEADER, lines.get(0));
        assertEquals("2026-11-24T10:00Z,req-1,key_a,team_x,claude,anthropic,claude-sonnet-4-5,chat_completions,"
                + "100,50,20,10,5,,0.0012345678,false,200,success,321,45,false,,,", lines.get(1));
        assertEquals("2026-11-24T10:00:00.001Z,req-2,key_a,,,,,images_generations,,,,,,2,,false,502,upstream_error,"
                + "9,,false,,,", lines.get(2));
    }

    @Test
    void aFullQueueIsCountedNeverSilentlyLost() {
        // A closed pool refuses every write: the writer keeps its batch and retries, the queue fills.
        Database broken = Database.open(store());
        broken.close();
        SpendWriter writer = new SpendWriter(broken, new SpendSettings(true, Duration.ofMillis(20), 1, 3, 0),
                Clock.systemUTC());
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            if (writer.offer(row(DAY1, "key_a", null, "m", null, null))) {
                accepted++;
            }
        }
        assertEquals(10 - accepted, writer.dropped());
        assertTrue(writer.dropped() >= 6, "at most one row in the batch and three in the queue; dropped "
                + writer.dropped());
        StringBuilder metrics = new StringBuilder();
        writer.scrape(metrics);
        assertTrue(metrics.toString().contains("gatehouse_spend_rows_dropped_total " + writer.dropped()));
        writer.close();
        assertFalse(writer.offer(row(DAY1, "key_a", null, "m", null, null)), "a closed writer takes nothing");
    }

    long deadLetters() {
        return database.queryOne("SELECT COUNT(*) FROM spend_dead_letter", r -> r.getLong(1)).orElseThrow();
    }

    /**
     * A cost of 10^20 dollars does not fit DECIMAL(24, 10): the database refuses that one row
     * (a data exception). Before, the writer retried the refused batch for ever and nothing behind
     * it was written.
     */
    @Test
    void oneUnwritableRowAmongAThousandIsSetAsideAndTheOthersAreWritten() {
        SpendWriter writer = writer(500, 10_000);
        for (int i = 0; i < 1_000; i++) {
            writer.offer(row(DAY1.plusMillis(i), "key_a", null, "m", null, i == 437 ? "1e20" : "0.001"));
        }
        Await.until(() -> writer.written() + writer.deadLettered() == 1_000, "the thousand rows were handled");
        assertEquals(999, writer.written());
        assertEquals(1, writer.deadLettered());
        assertEquals(999, count());
        assertEquals(List.of("req-" + DAY1.plusMillis(437).toEpochMilli() + "-key_a"),
                database.query("SELECT request_id FROM spend_dead_letter", r -> r.getString(1)));
        String reason = database.queryOne("SELECT sql_state || ' ' || reason FROM spend_dead_letter",
                r -> r.getString(1)).orElseThrow();
        assertTrue(reason.startsWith("22"), "a data exception, with the database's reason: " + reason);

        writer.offer(row(DAY2, "key_b", null, "m", null, "0.001"));
        writer.close();
        assertEquals(1_000, count(), "the writer keeps writing after setting a row aside");
        assertEquals(0, writer.failedWrites(), "a refused row is not a failed database");
        StringBuilder metrics = new StringBuilder();
        writer.scrape(metrics);
        assertTrue(metrics.toString().contains("gatehouse_spend_rows_dead_lettered_total 1\n"), metrics.toString());
    }

    /** Text that came with a request is fitted to its column by the record itself: the row is always writable. */
    @Test
    void aRowWithHostileTextIsWrittenFittedToItsColumns() {
        SpendWriter writer = writer(10, 100);
        String hostile = "m\u0000" + "x".repeat(400) + "\ud800";
        writer.offer(new SpendRecord(DAY1.toEpochMilli(), "r".repeat(300), "key_a", null, hostile, "p\u0000",
                "\ud800" + "u".repeat(300), "chat_completions", null, null, null, false, 400, Outcome.REFUSED, 1, null,
                false));
        writer.offer(row(DAY1.plusMillis(1), "key_a", null, "m", null, null));
        writer.close();
        assertEquals(2, count());
        assertEquals(0, writer.deadLettered());
        String model = database.queryOne("SELECT model FROM spend_log WHERE key_id = 'key_a' AND status = 400",
                r -> r.getString(1)).orElseThrow();
        assertEquals(256, model.length());
        assertTrue(model.startsWith("m\uFFFDxxx") && model.endsWith("x\u2026"), model);
    }

    /**
     * A database that fails (here: the table is away, as in a botched maintenance) refuses every
     * row for a reason that is not theirs: nothing is set aside, everything is retried and
     * written once it is back.
     */
    @Test
    void aFailingDatabaseIsRetriedNeverDeadLettered() {
        database.update("ALTER TABLE spend_log RENAME TO spend_log_away");
        SpendWriter writer = writer(10, 1_000);
        for (int i = 0; i < 25; i++) {
            writer.offer(row(DAY1.plusMillis(i), "key_a", null, "m", null, "0.001"));
        }
        Await.until(() -> writer.failedWrites() >= 3, "the writer retried");
        assertEquals(0, writer.deadLettered());
        assertEquals(0, writer.written());
        database.update("ALTER TABLE spend_log_away RENAME TO spend_log");
        // Waited for, not closed at once: a write that fails while the writer is closing is not retried
        // (a shutdown is not held up by a database that refuses), and one may be under way right now.
        Await.until(() -> writer.written() == 25, "every row was written once the database was back");
        writer.close();
        assertEquals(25, count(), "every row was written once the database was back");
        assertEquals(0, deadLetters());
    }

    /** A database that can not be reached at all: the rows are kept for the next attempt, none is set aside. */
    @Test
    void anUnreachableDatabaseIsRetriedNeverDeadLettered() {
        Database broken = Database.open(store());
        broken.close();
        SpendWriter writer = new SpendWriter(broken, new SpendSettings(true, Duration.ofMillis(10), 5, 100, 0),
                Clock.systemUTC());
        for (int i = 0; i < 12; i++) {
            writer.offer(row(DAY1, "key_a", null, "m", null, null));
        }
        Await.until(() -> writer.failedWrites() >= 3, "the writer retried");
        assertEquals(0, writer.deadLettered());
        assertEquals(12, writer.queued() + 5, "the failed batch is kept whole, the rest still queued");
        writer.close();
    }

    @Test
    void retentionDeletesOnlyOlderRows() {
        SpendWriter writer = writer(100, 100);
        writer.offer(row(DAY1, "key_a", null, "m", null, "1"));
        writer.offer(row(DAY2, "key_a", null, "m", null, "1"));
        writer.close();
        assertEquals(1, SpendWriter.deleteOlderThan(database, DAY1.plusSeconds(1).toEpochMilli()));
        assertEquals(1, count());
    }

    @Test
    void retentionRunsInTheWriter() {
        Clock now = Clock.fixed(DAY2.plus(Duration.ofDays(3)), ZoneOffset.UTC);
        SpendWriter seed = writer(100, 100);
        seed.offer(row(DAY1, "key_a", null, "m", null, "1"));  // 4+ days old
        seed.offer(row(DAY2, "key_a", null, "m", null, "1"));  // 3 days old
        seed.close();
        SpendWriter retaining = new SpendWriter(database, new SpendSettings(true, Duration.ofMillis(20), 10, 10, 4),
                now);
        retaining.offer(row(DAY2.plusSeconds(1), "key_b", null, "m", null, "1"));
        retaining.close();
        assertEquals(List.of("key_a", "key_b"), queries.byKey(DAY1, DAY2.plusSeconds(2)).stream().map(Total::group)
                .toList());
        assertEquals(2, count(), "the row older than four days is gone");
    }

    private void seed() {
        SpendWriter writer = writer(100, 100);
        writer.offer(row(DAY1, "key_a", "team_x", "gpt", new Tokens(100, 10, null, null, null), "0.5"));
        writer.offer(row(DAY1.plusSeconds(60), "key_a", "team_x", "claude", new Tokens(200, 20, null, null, null),
                "0.25"));
        writer.offer(row(DAY2, "key_b", null, "gpt", new Tokens(300, 30, null, null, null), null));
        writer.offer(row(DAY2.plusSeconds(1), "key_c", "team_y", "gpt", null, "9"));  // the end is exclusive
        writer.close();
    }

    private static Map<String, Total> byGroup(List<Total> totals) {
        return totals.stream().collect(Collectors.toMap(t -> String.valueOf(t.group()), Function.identity()));
    }

    @Test
    void spendByKeyTeamModelAndDayOverARange() {
        seed();
        Instant from = DAY1;
        Instant to = DAY2.plusSeconds(1);

        Map<String, Total> keys = byGroup(queries.byKey(from, to));
        assertEquals(2, keys.size());
        assertEquals(new Total("key_a", 2, 300, 30, new BigDecimal("0.75"), 0), keys.get("key_a"));
        assertEquals(new Total("key_b", 1, 300, 30, BigDecimal.ZERO, 1), keys.get("key_b"),
                "an unknown cost is counted apart, not as zero spend");

        Map<String, Total> teams = byGroup(queries.byTeam(from, to));
        assertEquals(new BigDecimal("0.75"), teams.get("team_x").costUsd());
        assertNull(teams.get("null").group(), "keys without a team are their own group");

        Map<String, Total> models = byGroup(queries.byModel(from, to));
        assertEquals(2, models.get("gpt").requests());
        assertEquals(new BigDecimal("0.5"), models.get("gpt").costUsd());
        assertEquals(new BigDecimal("0.25"), models.get("claude").costUsd());

        List<Total> days = queries.byDay(from, to);
        assertEquals(List.of("2026-11-24", "2026-11-25"), days.stream().map(Total::group).toList());
        assertEquals(2, days.get(0).requests());
        assertEquals(1, days.get(1).requests());

        assertEquals(1, queries.byKey(DAY2, DAY2.plusSeconds(5)).stream().filter(t -> t.group().equals("key_c"))
                .count(), "a later range sees the later row");
        assertThrows(IllegalArgumentException.class, () -> queries.byKey(to, from));
    }

    /**
     * Rows in three hours of one day, an error and an unpriced row among them: every hour of the
     * widened range is a bucket, the empty ones zeros, each row in the hour that holds it.
     */
    @Test
    void spendOverTimeFillsEveryBucketAlignedToUtc() {
        SpendWriter writer = writer(100, 100);
        Instant nine = Instant.parse("2026-11-24T09:00:00Z");
        writer.offer(row(nine, "key_a", null, "gpt", new Tokens(10, 1, null, null, null), "0.5"));
        writer.offer(row(nine.plusSeconds(3599), "key_b", null, "gpt", new Tokens(20, 2, null, null, null), "0.25"));
        writer.offer(new SpendRecord(nine.plusSeconds(3600).toEpochMilli(), "req-err", "key_a", null, "gpt", "mock",
                "gpt", "chat_completions", null, null, null, false, 502, Outcome.UPSTREAM_ERROR, 5, null, false));
        writer.offer(row(nine.plusSeconds(3 * 3600 + 1), "key_a", null, "gpt", new Tokens(5, 5, null, null, null),
                null));
        writer.offer(row(nine.minusMillis(1), "key_a", null, "gpt", null, "7"));  // before the range
        writer.close();

        SpendSeries series = new SpendSeries(database);
        // 09:30 .. 12:10 widens to 09:00 .. 13:00: four hourly buckets.
        SpendSeries.Series hours = series.over(nine.plusSeconds(1800), nine.plusSeconds(3 * 3600 + 600),
                SpendSeries.Width.HOUR);
        assertEquals(nine, hours.from());
        assertEquals(Instant.parse("2026-11-24T13:00:00Z"), hours.to());
        assertEquals(List.of(
                new SpendSeries.Bucket(nine, 2, 0, 30, 3, new BigDecimal("0.75"), 0),
                new SpendSeries.Bucket(nine.plusSeconds(3600), 1, 1, 0, 0, BigDecimal.ZERO, 1),
                new SpendSeries.Bucket(nine.plusSeconds(7200), 0, 0, 0, 0, BigDecimal.ZERO, 0),
                new SpendSeries.Bucket(nine.plusSeconds(3 * 3600), 1, 0, 5, 5, BigDecimal.ZERO, 1)),
                hours.buckets());

        SpendSeries.Series days = series.over(nine, nine.plusSeconds(60), SpendSeries.Width.DAY);
        assertEquals(1, days.buckets().size());
        assertEquals(Instant.parse("2026-11-24T00:00:00Z"), days.buckets().getFirst().start());
        assertEquals(5, days.buckets().getFirst().requests(), "the day holds the row before 09:00 too");

        SpendSeries.Series minutes = series.over(nine, nine.plusSeconds(1500 * 60), SpendSeries.Width.MINUTE);
        assertEquals(SpendSeries.MAX_BUCKETS, minutes.buckets().size());
        assertEquals(2, minutes.buckets().get(0).requests() + minutes.buckets().get(59).requests());
        assertThrows(IllegalArgumentException.class,
                () -> series.over(nine, nine.plusSeconds(1500 * 60 + 1), SpendSeries.Width.MINUTE));
        assertThrows(IllegalArgumentException.class, () -> series.over(nine, nine, SpendSeries.Width.HOUR));
    }

    @Test
    void csvExportPagesThroughLargeRanges() {
        SpendWriter writer = writer(500, 5_000);
        int rows = SpendQueries.EXPORT_PAGE * 2 + 17;
        for (int i = 0; i < rows; i++) {
            writer.offer(row(DAY1.plusMillis(i), "key_a", null, "m", null, null));
        }
        writer.close();
        StringBuilder csv = new StringBuilder();
        assertEquals(rows, queries.exportCsv(DAY1, DAY2, csv));
        List<String> lines = csv.toString().lines().toList();
        assertEquals(rows + 1, lines.size());
        assertEquals(rows, lines.stream().skip(1).distinct().count(), "no row twice");
    }

    static SpendRecord attributed(Instant at, String endUser, List<String> tags, String cost) {
        return new SpendRecord(at.toEpochMilli(), "req-" + at.toEpochMilli(), "key_a", null, "gpt", "mock", "gpt",
                "chat_completions", new Tokens(10, 5, null, null, null), null, cost == null ? null : new BigDecimal(cost),
                false, 200, Outcome.SUCCESS, 12, null, false, null, endUser, tags);
    }

    @Test
    void endUsersAndTagsAreStoredAndSummedByEndUserAndByTag() {
        SpendWriter writer = writer(100, 100);
        writer.offer(attributed(DAY1, "alice", List.of("batch", "job:42"), "0.5"));
        writer.offer(attributed(DAY1.plusSeconds(1), "alice", List.of("batch"), "0.25"));
        writer.offer(attributed(DAY1.plusSeconds(2), "bob", List.of(), null));
        writer.offer(attributed(DAY1.plusSeconds(3), null, List.of("job:42"), "1"));
        writer.offer(attributed(DAY2.plusSeconds(10), "alice", List.of("batch"), "7"));  // after the range
        writer.close();
        Instant to = DAY2;

        Map<String, Total> users = byGroup(queries.byEndUser(DAY1, to));
        assertEquals(new Total("alice", 2, 20, 10, new BigDecimal("0.75"), 0), users.get("alice"));
        assertEquals(new Total("bob", 1, 10, 5, BigDecimal.ZERO, 1), users.get("bob"));
        assertNull(users.get("null").group(), "requests naming no end user are their own group");

        Map<String, Total> tags = byGroup(queries.byTag(DAY1, to));
        assertEquals(Set.of("batch", "job:42"), tags.keySet(), "a row without tags is in no tag's group");
        assertEquals(new Total("batch", 2, 20, 10, new BigDecimal("0.75"), 0), tags.get("batch"));
        assertEquals(new Total("job:42", 2, 20, 10, new BigDecimal("1.5"), 0), tags.get("job:42"));

        assertEquals(new BigDecimal("7.75"), queries.endUserSpentSince("alice", DAY1).stripTrailingZeros());
        StringBuilder csv = new StringBuilder();
        queries.exportCsv(DAY1, DAY1.plusSeconds(1), csv);
        assertTrue(csv.toString().lines().toList().get(1).endsWith(",alice,\"[\"\"batch\"\",\"\"job:42\"\"]\""),
                csv.toString());

        assertEquals(4, SpendWriter.deleteOlderThan(database, DAY2.toEpochMilli()));
        assertEquals(List.of("batch"), queries.byTag(DAY1, DAY2.plusSeconds(60)).stream().map(Total::group).toList(),
                "the retention deletes the tags of the rows it deletes");
    }

    @Test
    void csvCellsCanNotBreakOutOrRunAsFormulas() {
        assertEquals("\"a,b\"", SpendQueries.text("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", SpendQueries.text("say \"hi\""));
        assertEquals("'=SUM(A1)", SpendQueries.text("=SUM(A1)"));
        assertEquals("'-x", SpendQueries.text("-x"));
        assertEquals("'\t=1+1", SpendQueries.text("\t=1+1"), "a leading tab hides a formula from a naive check");
        assertEquals("\"'\r=1+1\"", SpendQueries.text("\r=1+1"), "so does a leading carriage return");
        assertEquals("\"'\n@SUM(A1)\"", SpendQueries.text("\n@SUM(A1)"));
        assertEquals("a=b", SpendQueries.text("a=b"), "only the first character matters");
        assertEquals("", SpendQueries.text(null));
    }
}
