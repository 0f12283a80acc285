package dev.gatehouse.server.migrate.litellm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.json.Json;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.attribution.EndUser;
import dev.gatehouse.server.attribution.EndUserDraft;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyFormat;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.auth.VirtualKey;
import dev.gatehouse.server.spend.SpendQueries;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestPostgres;
import dev.gatehouse.server.testing.TestStores;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code gatehouse migrate litellm} against a real PostgreSQL holding LiteLLM's schema and
 * realistic rows (see {@link LiteLlmFixture}), into Gatehouse's store on PostgreSQL and on H2.
 */
class LiteLlmMigrationTest {

    static final MigrationSettings DEFAULTS = new MigrationSettings(MigrationSettings.DEFAULT_KEY_EXPIRY, false);
    static final String PLATFORM = "0f4b7c1e-9a51-4d0e-8f55-3c2a7e9d1b01";
    static final String RESEARCH_TEAM = "5d2e8a90-1c3b-4f7a-b6e2-0a9c4d8e7f02";

    static ControlPlane open(StoreSettings store) {
        return ControlPlane.open(store, Optional.empty(), ControlPlane.DEFAULT_FEED_INTERVAL);
    }

    static MigrationReport run(LiteLlmFixture from, ControlPlane into, boolean apply, MigrationSettings settings,
            Clock clock) {
        return LiteLlmMigration.run(from.url(), into, settings, apply, Actor.CLI, clock);
    }

    /** "action kind name" for every line, to compare a whole report at once. */
    static List<String> outline(MigrationReport report) {
        return report.lines().stream().map(line -> line.action() + " " + line.kind() + " " + line.name()).toList();
    }

    static MigrationReport.Line line(MigrationReport report, String kind, String name) {
        return report.lines().stream().filter(l -> l.kind().equals(kind) && l.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + outline(report)));
    }

    static Map<String, BigDecimal> spendRows(ControlPlane control) {
        return control.database().query("SELECT request_id, route, key_id, cost_usd FROM spend_log", row -> Map.entry(
                row.getString(2) + " " + (row.getString(3).startsWith("key_") ? "key" : row.getString(3)),
                row.getBigDecimal(4))).stream().collect(Collectors.groupingBy(Map.Entry::getKey, TreeMap::new,
                Collectors.reducing(BigDecimal.ZERO, Map.Entry::getValue, BigDecimal::add)));
    }

    @Test
    void aDryRunReportsEveryObjectAndWritesNothing() {
        LiteLlmFixture litellm = LiteLlmFixture.load();
        String before = litellm.contents();
        try (ControlPlane control = open(TestPostgres.freshDatabase())) {
            MigrationReport report = run(litellm, control, false, DEFAULTS, Clock.systemUTC());
            assertEquals(List.of(
                    "import team platform",
                    "import team " + RESEARCH_TEAM,
                    "skipped key old-demo",
                    "import key alice-laptop",
                    "import spend alice-laptop: spend so far",
                    "import key sk-...TgZA",
                    "import spend sk-...TgZA: spend so far",
                    "import key batch-jobs",
                    "import spend batch-jobs: spend so far",
                    "skipped key sk-...0000",
                    "import spend platform: spend beyond its imported keys",
                    "import end user Customer 42",
                    "import spend Customer 42: spend so far",
                    "import end user customer-99"), outline(report));
            assertEquals(List.of("budget resets monthly at the start of the calendar month (UTC), not 30d after"
                    + " LiteLLM's last reset", "allowed_model_region not imported (no Gatehouse equivalent): eu"),
                    line(report, "end user", "Customer 42").notes());
            assertTrue(line(report, "end user", "customer-99").notes().contains("blocked, as in LiteLLM: every"
                    + " request naming it is refused"));
            assertTrue(line(report, "key", "old-demo").reason().startsWith("expired at 2024-01-01"));
            assertTrue(line(report, "key", "sk-...0000").reason().contains("UI session token"));
            assertTrue(line(report, "key", "batch-jobs").notes().stream().anyMatch(n -> n.startsWith(
                    "budget not imported: LiteLLM resets it every '1h'")), line(report, "key", "batch-jobs").notes()
                    .toString());
            assertTrue(line(report, "key", "batch-jobs").notes().contains("aliases not imported (no Gatehouse"
                    + " equivalent)"));
            assertTrue(line(report, "team", "platform").notes().contains("members_with_roles not imported (no"
                    + " Gatehouse equivalent)"));
            assertTrue(report.text().contains("Dry run: nothing was written"), report.text());
            String json = Json.text(report.json());
            assertTrue(json.contains("\"dry_run\":true"), json);
            for (String text : List.of(report.text(), json)) {
                assertFalse(text.contains("3630009e056202fc"), "never a key hash");
            }
            assertTrue(control.keys().teams().isEmpty());
            assertTrue(control.keys().keys().isEmpty());
            assertTrue(spendRows(control).isEmpty());
            assertTrue(control.endUsers().all().isEmpty());
            assertEquals(0, control.database().queryOne("SELECT COUNT(*) FROM audit_log WHERE action LIKE '%imported'",
                    row -> row.getInt(1)).orElseThrow());
        }
        assertEquals(before, litellm.contents(), "LiteLLM's database is unchanged");
    }

    @Test
    void applyImportsTeamsKeysSecretsAndSpendOnPostgresAndASecondApplyImportsNothing() {
        LiteLlmFixture litellm = LiteLlmFixture.load();
        try (ControlPlane control = open(TestPostgres.freshDatabase())) {
            appliesAndIsIdempotent(litellm, control);
        }
    }

    @Test
    void theEmbeddedStoreTakesTheSameImport() {
        LiteLlmFixture litellm = LiteLlmFixture.load();
        try (ControlPlane control = open(TestStores.h2())) {
            appliesAndIsIdempotent(litellm, control);
        }
    }

    private static void appliesAndIsIdempotent(LiteLlmFixture litellm, ControlPlane control) {
        String before = litellm.contents();
        MigrationReport first = run(litellm, control, true, DEFAULTS, Clock.systemUTC());
        assertTrue(first.succeeded(), first.text());
        assertEquals(Map.of("imported", Map.of("team", 2, "key", 3, "spend", 5, "end user", 2),
                "skipped", Map.of("key", 2)), first.counts(), first.text());

        Map<String, Team> teams = control.keys().teams().stream().collect(Collectors.toMap(Team::name, t -> t));
        Team platform = teams.get("platform");
        assertEquals(List.of("gpt-4o", "claude-sonnet-4"), platform.models());
        assertEquals(new Limits(new BigDecimal("500.0"), new BigDecimal("400.0"), "monthly", null, 600, 200000L, 20),
                platform.limits());
        assertEquals(PLATFORM, platform.metadata().path("litellm").path("team_id").asText());
        assertEquals("cc-114", platform.metadata().path("cost_center").asText());
        assertEquals(List.of("*"), teams.get(RESEARCH_TEAM).models(), "no models in LiteLLM: all of them");

        Map<String, VirtualKey> keys = control.keys().keys().stream().collect(Collectors.toMap(VirtualKey::name,
                k -> k));
        VirtualKey alice = keys.get("alice-laptop");
        assertEquals(platform.id(), alice.teamId());
        assertEquals(List.of("gpt-4o"), alice.models());
        assertEquals(new Limits(new BigDecimal("50.0"), null, "monthly", null, 60, 50000L, 4), alice.limits());
        assertEquals(Instant.parse("2099-06-30T00:00:00Z").toEpochMilli(), alice.expiresAt());
        assertEquals("cli", alice.metadata().path("tags").get(0).asText());
        assertEquals("user-alice", alice.metadata().path("litellm").path("user_id").asText());
        assertEquals(Instant.parse("2025-09-01T10:00:00Z").toEpochMilli(), alice.createdAt());
        assertEquals(List.of(), keys.get("sk-...TgZA").models(), "its team's models");
        VirtualKey batch = keys.get("batch-jobs");
        assertNull(batch.teamId());
        assertEquals(List.of("*"), batch.models());
        assertEquals(new Limits(null, null, null, null, 120, null, null), batch.limits(), "the 1h budget is left out");

        // Each secret: LiteLLM's own hash, ending at most 30 days from now; the previous one too.
        long latest = Instant.now().plus(Duration.ofDays(30)).toEpochMilli();
        Map<String, Long> hashes = control.database().query("SELECT hash, not_after FROM key_hashes WHERE key_id = ?"
                + " AND origin = 'litellm'", row -> Map.entry(row.getString(1), row.getLong(2)), alice.id()).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(java.util.Set.of(KeyFormat.hash(LiteLlmFixture.ALICE), KeyFormat.hash(
                LiteLlmFixture.ALICE_PREVIOUS)), hashes.keySet());
        hashes.values().forEach(end -> assertTrue(end <= latest && end > latest - Duration.ofDays(1).toMillis()));
        assertEquals(alice.id(), control.keys().keyBySecret(LiteLlmFixture.ALICE).orElseThrow().id());
        assertTrue(control.keys().openLiteLlmSecrets().containsKey(alice.id()));

        assertEquals(Map.of("litellm_import key", new BigDecimal("20.2600000000"),
                "litellm_import litellm-import", new BigDecimal("111.1100000000"),
                "end_user_carried litellm-import", new BigDecimal("1.2500000000")), spendRows(control));
        assertEquals(new BigDecimal("111.1100000000"), control.database().queryOne("SELECT SUM(cost_usd) FROM"
                + " spend_log WHERE key_id = 'litellm-import' AND end_user IS NULL", row -> row.getBigDecimal(1))
                .orElseThrow(), "the team's spend beyond its keys");

        // End users: the budget row's limits (30d as monthly), blocked as in LiteLLM, spend so far on its own row.
        EndUser customer = control.endUsers().get("customer-42").orElseThrow();
        assertEquals("Customer 42", customer.alias());
        assertEquals(new Limits(new BigDecimal("5.0"), null, "monthly", null, 10, 10000L, 2), customer.limits());
        assertFalse(customer.blocked());
        EndUser blocked = control.endUsers().get("customer-99").orElseThrow();
        assertTrue(blocked.blocked());
        assertNull(blocked.alias());
        assertEquals(Limits.NONE, blocked.limits());
        assertEquals(List.of("end_user_carried null 1.2500000000"), control.database().query("SELECT route, team_id,"
                + " cost_usd FROM spend_log WHERE end_user = 'customer-42'", row -> row.getString(1) + " "
                + row.getString(2) + " " + row.getBigDecimal(3).toPlainString()));
        // Its keys' rows hold the same dollars: spend by end user shows them, no other total counts them twice.
        SpendQueries spend = new SpendQueries(control.database());
        Instant from = Instant.EPOCH;
        Instant to = Instant.now().plus(Duration.ofDays(1));
        assertTrue(spend.byEndUser(from, to).stream().anyMatch(t -> "customer-42".equals(t.group())
                && t.costUsd().compareTo(new BigDecimal("1.25")) == 0), () -> spend.byEndUser(from, to).toString());
        BigDecimal everyRow = control.database().queryOne("SELECT SUM(cost_usd) FROM spend_log", row -> row.getBigDecimal(1))
                .orElseThrow();
        BigDecimal byDay = spend.byDay(from, to).stream().map(SpendQueries.Total::costUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, everyRow.subtract(new BigDecimal("1.25")).compareTo(byDay), everyRow + " less 1.25 vs " + byDay);
        assertEquals(0, byDay.compareTo(spend.byKey(from, to).stream().map(SpendQueries.Total::costUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add)));
        assertEquals(new BigDecimal("12.3400000000"), control.database().queryOne("SELECT SUM(cost_usd) FROM spend_log"
                + " WHERE key_id = ?", row -> row.getBigDecimal(1), alice.id()).orElseThrow());
        assertEquals(new BigDecimal("123.4500000000"), control.database().queryOne("SELECT SUM(cost_usd) FROM"
                + " spend_log WHERE team_id = ?", row -> row.getBigDecimal(1), platform.id()).orElseThrow(),
                "the team's spend as LiteLLM counted it");
        List<String> audited = control.database().query("SELECT action FROM audit_log WHERE action LIKE '%imported'"
                + " ORDER BY seq", row -> row.getString(1));
        assertEquals(List.of("team.imported", "team.imported", "key.imported", "key.imported", "key.imported",
                "end_user.imported", "end_user.imported", "spend.imported", "spend.imported", "spend.imported",
                "spend.imported", "spend.imported"), audited);

        MigrationReport second = run(litellm, control, true, DEFAULTS, Clock.systemUTC());
        assertEquals(Map.of("already_imported", Map.of("team", 2, "key", 3, "end user", 2),
                "skipped", Map.of("key", 2)), second.counts(), second.text());
        assertTrue(second.text().contains("Nothing new to import."), second.text());
        assertEquals("already_imported", line(second, "key", "alice-laptop").action());
        assertEquals(alice.id(), line(second, "key", "alice-laptop").gatehouseId());
        assertEquals(3, control.keys().keys().size());
        assertEquals(2, control.keys().teams().size());
        assertEquals(5, control.database().queryOne("SELECT COUNT(*) FROM spend_log", row -> row.getInt(1))
                .orElseThrow());
        assertEquals(2, control.endUsers().all().size());
        assertEquals(before, litellm.contents(), "LiteLLM's database is unchanged");
    }

    @Test
    void anEndUserAnAdminMadeInGatehouseIsLeftAsItIs() {
        LiteLlmFixture litellm = LiteLlmFixture.load();
        try (ControlPlane control = open(TestStores.h2())) {
            Limits own = new Limits(new BigDecimal("1"), null, "daily", null, null, null, null);
            control.endUsers().create("customer-42", new EndUserDraft("made here", own, false), Actor.CLI);
            MigrationReport report = run(litellm, control, true, DEFAULTS, Clock.systemUTC());
            assertTrue(report.succeeded(), report.text());
            MigrationReport.Line line = line(report, "end user", "Customer 42");
            assertEquals("skipped", line.action());
            assertTrue(line.reason().contains("made there, not imported"), line.reason());
            assertTrue(report.lines().stream().noneMatch(l -> l.name().startsWith("Customer 42:")), report.text());
            assertEquals(new EndUserDraft("made here", own, false),
                    EndUserDraft.of(control.endUsers().get("customer-42").orElseThrow()));
            assertEquals(0, control.database().queryOne("SELECT COUNT(*) FROM spend_log WHERE end_user IS NOT NULL",
                    row -> row.getInt(1)).orElseThrow());
            assertEquals("imported", line(report, "end user", "customer-99").action());

            // An imported end user an admin deleted since is not brought back.
            control.endUsers().delete("customer-99", Actor.CLI);
            MigrationReport again = run(litellm, control, true, DEFAULTS, Clock.systemUTC());
            assertEquals("skipped", line(again, "end user", "customer-99").action(), again.text());
            assertTrue(control.endUsers().get("customer-99").isEmpty());
            assertEquals(0, again.plan().imports(), again.text());
        }
    }

    @Test
    void spendHistoryComesByDayAndTheSpendSoFarDoesNotCountItTwice() {
        LiteLlmFixture litellm = LiteLlmFixture.load();
        try (ControlPlane control = open(TestPostgres.freshDatabase())) {
            MigrationReport report = run(litellm, control, true, new MigrationSettings(Duration.ofDays(30), true),
                    Clock.systemUTC());
            assertTrue(report.succeeded(), report.text());
            assertEquals("LiteLLM_DailyUserSpend", report.plan().spendSource());
            Map<String, BigDecimal> byKey = control.database().query("SELECT k.name, s.route, s.cost_usd, s.at,"
                    + " s.model FROM spend_log s JOIN virtual_keys k ON k.id = s.key_id", row -> Map.entry(
                    row.getString(1) + " " + row.getString(2) + (row.getString(2).equals("litellm_history")
                            ? " " + Instant.ofEpochMilli(row.getLong(4)) + " " + row.getString(5) : ""),
                    row.getBigDecimal(3))).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertEquals(Map.of(
                    // alice's spend resets every 30 days; the day in January 2026 is before its current period.
                    "alice-laptop litellm_history 2026-01-15T00:00:00Z gpt-4o", new BigDecimal("0.0105000000"),
                    "alice-laptop litellm_import", new BigDecimal("12.3400000000"),
                    // this key's spend never resets: its history is part of it, the rest is the spend so far.
                    "sk-...TgZA litellm_history 2026-01-15T00:00:00Z claude-sonnet-4", new BigDecimal("0.0020000000"),
                    "sk-...TgZA litellm_import", new BigDecimal("7.4980000000"),
                    "batch-jobs litellm_import", new BigDecimal("0.4200000000")), byKey);
            // The history carries no end users: the end user's spend so far is its one row, counted once.
            assertEquals(List.of(new BigDecimal("1.2500000000")), control.database().query("SELECT cost_usd FROM"
                    + " spend_log WHERE end_user = 'customer-42'", row -> row.getBigDecimal(1)));
            MigrationReport again = run(litellm, control, true, new MigrationSettings(Duration.ofDays(30), true),
                    Clock.systemUTC());
            assertEquals(0, again.plan().imports(), again.text());
        }
    }

    @Test
    void anOlderLiteLlmWithoutTheNewerTablesAndColumnsReadsAlike() {
        LiteLlmFixture litellm = LiteLlmFixture.load("DROP TABLE \"LiteLLM_DeprecatedVerificationToken\"",
                "ALTER TABLE \"LiteLLM_TeamTable\" DROP COLUMN soft_budget, DROP COLUMN router_settings",
                "ALTER TABLE \"LiteLLM_VerificationToken\" DROP COLUMN router_settings, DROP COLUMN budget_limits,"
                        + " DROP COLUMN auto_rotate", "DROP TABLE \"LiteLLM_DailyUserSpend\"");
        try (ControlPlane control = open(TestStores.h2())) {
            MigrationReport report = run(litellm, control, true, new MigrationSettings(Duration.ofDays(30), true),
                    Clock.systemUTC());
            assertTrue(report.succeeded(), report.text());
            assertTrue(report.plan().absent().containsAll(List.of("LiteLLM_DeprecatedVerificationToken",
                    "LiteLLM_DailyUserSpend")), report.plan().absent().toString());
            assertEquals("LiteLLM_SpendLogs", report.plan().spendSource());
            Team platform = control.keys().teams().stream().filter(t -> t.name().equals("platform")).findFirst()
                    .orElseThrow();
            assertNull(platform.limits().softBudget());
            VirtualKey alice = control.keys().keys().stream().filter(k -> k.name().equals("alice-laptop")).findFirst()
                    .orElseThrow();
            assertEquals(1, control.database().queryOne("SELECT COUNT(*) FROM key_hashes WHERE key_id = ?",
                    row -> row.getInt(1), alice.id()).orElseThrow());
            // Summed from the per-request log: two requests of alice's on two days, one of them a free cache hit.
            assertEquals(2, control.database().queryOne("SELECT COUNT(*) FROM spend_log WHERE key_id = ? AND route ="
                    + " 'litellm_history'", row -> row.getInt(1), alice.id()).orElseThrow());
        }
    }
}
