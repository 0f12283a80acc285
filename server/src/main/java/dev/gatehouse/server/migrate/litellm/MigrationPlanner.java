package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.server.auth.TeamDraft;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, from a LiteLLM snapshot and what the Gatehouse store already holds, what a migration
 * imports and what it skips and why. Pure: reads nothing and writes nothing, so a dry run and
 * {@code --apply} plan exactly alike.
 */
final class MigrationPlanner {

    /** LiteLLM's UI login tokens are key rows of this pseudo-team (its {@code UI_SESSION_TOKEN_TEAM_ID}). */
    static final String UI_SESSION_TEAM = "litellm-dashboard";
    /** Team spend beyond its keys below this is rounding, not a row worth importing. */
    private static final BigDecimal CENT = new BigDecimal("0.01");

    private final LiteLlmSnapshot snapshot;
    private final GatehouseState state;
    private final MigrationSettings settings;
    private final Instant now;
    private final List<Planned> items = new ArrayList<>();
    /** LiteLLM team id → the Gatehouse models of the team it is (or was) imported as. */
    private final Map<String, List<String>> teamModels = new HashMap<>();
    /** LiteLLM team id → why it was not imported. */
    private final Map<String, String> teamSkipped = new HashMap<>();
    /** LiteLLM team id → the LiteLLM spend of its keys that are (or were) imported. */
    private final Map<String, BigDecimal> keySpendOfTeam = new HashMap<>();
    /** LiteLLM budget id → its row, for keys and end users. */
    private final Map<String, LiteLlmRow> budgets = new HashMap<>();

    private MigrationPlanner(LiteLlmSnapshot snapshot, GatehouseState state, MigrationSettings settings,
            Instant now) {
        this.snapshot = snapshot;
        this.state = state;
        this.settings = settings;
        this.now = now;
        snapshot.of(LiteLlmTable.BUDGETS).forEach(budget -> budgets.put(budget.text("budget_id"), budget));
    }

    static MigrationPlan plan(LiteLlmSnapshot snapshot, GatehouseState state, MigrationSettings settings,
            Instant now) {
        MigrationPlanner planner = new MigrationPlanner(snapshot, state, settings, now);
        planner.teams();
        planner.keys();
        planner.teamSpend();
        planner.endUsers();
        return new MigrationPlan(planner.items, snapshot.absent(), snapshot.spendSource());
    }

    private void teams() {
        Map<String, String> imported = state.importedTeams();
        Set<String> taken = new HashSet<>(state.teamNames());
        for (LiteLlmRow team : snapshot.of(LiteLlmTable.TEAMS)) {
            String id = team.text("team_id");
            String alias = team.text("team_alias") == null ? id : team.text("team_alias");
            if (imported.containsKey(id)) {
                teamModels.put(id, TeamMapping.models(team.strings("models")));
                items.add(new Planned.Skipped("team", alias, id, "already imported as " + imported.get(id),
                        imported.get(id)));
            } else if (team.flag("blocked")) {
                String reason = "blocked in LiteLLM (a Gatehouse team can not be blocked; its keys are skipped too)";
                teamSkipped.put(id, reason);
                items.add(new Planned.Skipped("team", alias, id, reason, null));
            } else {
                List<String> notes = new ArrayList<>();
                String name = TeamMapping.name(team, taken, notes);
                TeamDraft draft = TeamMapping.draft(team, name, notes);
                taken.add(name);
                teamModels.put(id, draft.models());
                items.add(new Planned.TeamImport(name, id, id, draft, notes));
            }
        }
    }

    private void keys() {
        Map<String, Map<String, Instant>> previous = new HashMap<>();
        for (LiteLlmRow old : snapshot.of(LiteLlmTable.DEPRECATED_TOKENS)) {
            if (old.has("active_token_id") && old.has("token") && old.time("revoke_at") != null) {
                previous.computeIfAbsent(old.text("active_token_id"), k -> new LinkedHashMap<>())
                        .put(old.text("token"), old.time("revoke_at"));
            }
        }
        for (LiteLlmRow key : snapshot.of(LiteLlmTable.KEYS)) {
            String name = KeyMapping.name(key);
            String source = KeyMapping.source(key);
            String team = key.text("team_id");
            Instant expires = key.time("expires");
            Optional<String> existing = key.has("token") ? state.keyIdOfHash(key.text("token")) : Optional.empty();
            if (UI_SESSION_TEAM.equals(team)) {
                items.add(skip(name, source, "a LiteLLM UI session token, not a user's key"));
            } else if (expires != null && !expires.isAfter(now)) {
                items.add(skip(name, source, "expired at " + expires));
            } else if (key.flag("blocked")) {
                items.add(skip(name, source, "blocked in LiteLLM (Gatehouse can only revoke a key, for good;"
                        + " unblock it there first, or create a new key)"));
            } else if (existing.isPresent()) {
                items.add(new Planned.Skipped("key", name, source, "already imported as " + existing.get(),
                        existing.get()));
                countForTeam(key);
                keySpend(key, name, existing.get());
            } else if (team != null && !teamModels.containsKey(team)) {
                items.add(skip(name, source, "its team " + team + " is not imported: "
                        + teamSkipped.getOrDefault(team, "no such team in LiteLLM")));
            } else {
                Planned planned = KeyMapping.plan(key, Optional.ofNullable(team).map(teamModels::get),
                        previous.getOrDefault(key.text("token"), Map.of()), budgets, settings, now);
                items.add(planned);
                if (planned instanceof Planned.KeyImport) {
                    countForTeam(key);
                    keySpend(key, name, null);
                }
            }
        }
    }

    private static Planned.Skipped skip(String name, String source, String reason) {
        return new Planned.Skipped("key", name, source, reason, null);
    }

    private void countForTeam(LiteLlmRow key) {
        String team = key.text("team_id");
        BigDecimal spend = key.money("spend");
        if (team != null && spend != null) {
            keySpendOfTeam.merge(team, spend, BigDecimal::add);
        }
    }

    /**
     * The key's spend: with history, one row per day and model, and the spend so far less what of it
     * those rows already hold (the days inside LiteLLM's current budget period, or every day when the
     * key's spend never resets), so a budget never counts a dollar twice.
     *
     * @param keyId the Gatehouse key it was imported as earlier, or null when it is imported now
     */
    private void keySpend(LiteLlmRow key, String name, String keyId) {
        String hash = key.text("token");
        BigDecimal soFar = key.money("spend") == null ? BigDecimal.ZERO : key.money("spend");
        if (settings.spendHistory()) {
            Optional<Instant> periodStart = LimitsMapping.periodStart(key);
            for (DailySpend day : snapshot.dailySpend()) {
                if (!day.keyHash().equals(hash)) {
                    continue;
                }
                Instant at = day.day().atStartOfDay(ZoneOffset.UTC).toInstant();
                if (periodStart.isEmpty() || !at.isBefore(periodStart.get().atZone(ZoneOffset.UTC).toLocalDate()
                        .atStartOfDay(ZoneOffset.UTC).toInstant())) {
                    soFar = soFar.subtract(day.spend());
                }
                String part = ":" + day.day() + ":" + day.model();
                if (keyId == null || !state.hasSpendRow(SpendRows.requestId(SpendRows.HISTORY, keyId, part))) {
                    items.add(new Planned.SpendImport(name + " on " + day.day() + ", " + day.model(),
                            KeyMapping.source(key), hash, null, null, part, at.toEpochMilli(), day.model(), day.spend(),
                            clamp(day.promptTokens()), clamp(day.completionTokens()), SpendRows.HISTORY,
                            List.of(day.requests() + " requests")));
                }
            }
        }
        if (soFar.signum() > 0 && (keyId == null || !state.hasSpendRow(SpendRows.requestId(SpendRows.SO_FAR, keyId,
                "")))) {
            items.add(new Planned.SpendImport(name + ": spend so far", KeyMapping.source(key), hash, null, null, "",
                    now.toEpochMilli(), null, soFar, null, null, SpendRows.SO_FAR, soFarNotes(key)));
        }
    }

    private static List<String> soFarNotes(LiteLlmRow key) {
        return key.has("budget_duration")
                ? List.of("LiteLLM's spend in its current budget period; counted in Gatehouse's current period")
                : List.of("everything it spent in LiteLLM (its spend never resets there)");
    }

    /** What a team spent beyond its imported keys (keys deleted, expired or skipped): one row of its own. */
    private void teamSpend() {
        Map<String, String> imported = state.importedTeams();
        for (LiteLlmRow team : snapshot.of(LiteLlmTable.TEAMS)) {
            String id = team.text("team_id");
            BigDecimal spend = team.money("spend");
            if (!teamModels.containsKey(id) || spend == null) {
                continue;
            }
            BigDecimal rest = spend.subtract(keySpendOfTeam.getOrDefault(id, BigDecimal.ZERO))
                    .setScale(10, RoundingMode.HALF_UP).stripTrailingZeros();
            if (rest.compareTo(CENT) < 0) {
                continue;
            }
            String teamId = imported.get(id);
            if (teamId == null || !state.hasSpendRow(SpendRows.requestId(SpendRows.SO_FAR, teamId, ""))) {
                String name = team.text("team_alias") == null ? id : team.text("team_alias");
                items.add(new Planned.SpendImport(name + ": spend beyond its imported keys", id, null, id, null, "",
                        now.toEpochMilli(), null, rest, null, null, SpendRows.SO_FAR, List.of(
                                "spent by keys not imported (deleted, expired or skipped); counts for the team only")));
            }
        }
    }

    /**
     * LiteLLM's end users (its customers), each with its budget row, and the spend so far of each
     * imported one. One that Gatehouse has already, made there by an admin, is left as it is.
     */
    private void endUsers() {
        for (LiteLlmRow user : snapshot.of(LiteLlmTable.END_USERS)) {
            String id = user.text("user_id");
            String name = user.text("alias") == null || user.text("alias").isBlank() ? id : user.text("alias");
            Optional<String> unusable = EndUserMapping.unusableId(id);
            if (unusable.isPresent()) {
                items.add(new Planned.Skipped("end user", name, String.valueOf(id), unusable.get(), null));
            } else if (state.importedEndUser(id) && state.hasEndUser(id)) {
                items.add(new Planned.Skipped("end user", name, id, "already imported as " + id, id));
                endUserSpend(user, name, true);
            } else if (state.importedEndUser(id)) {
                items.add(new Planned.Skipped("end user", name, id, "imported earlier and deleted in Gatehouse since:"
                        + " not imported again", null));
            } else if (state.hasEndUser(id)) {
                items.add(new Planned.Skipped("end user", name, id, "Gatehouse has an end user " + id + " already"
                        + " (made there, not imported): left as it is, its LiteLLM budget and spend not imported",
                        null));
            } else {
                List<String> notes = new ArrayList<>();
                LiteLlmRow budget = user.has("budget_id") ? budgets.get(user.text("budget_id")) : null;
                items.add(new Planned.EndUserImport(name, id, id, EndUserMapping.draft(user, budget, notes), notes));
                endUserSpend(user, name, false);
            }
        }
    }

    /**
     * The end user's spend so far, as one row recorded for it. The history rows are the keys' and
     * carry no end user, so nothing of this is counted twice for the end user's budget.
     *
     * @param earlier whether an earlier run imported the end user (its row may be there already)
     */
    private void endUserSpend(LiteLlmRow user, String name, boolean earlier) {
        BigDecimal spend = user.money("spend");
        String id = user.text("user_id");
        if (spend == null || spend.signum() <= 0 || (earlier && state.hasSpendRow(SpendRows.requestId(SpendRows.END_USER_SO_FAR,
                SpendRows.endUserOwner(id), "")))) {
            return;
        }
        items.add(new Planned.SpendImport(name + ": spend so far", id, null, null, id, "", now.toEpochMilli(), null,
                spend, null, null, SpendRows.END_USER_SO_FAR, List.of("LiteLLM's spend counter for this end user;"
                        + " counts for its budget and in spend by end user only (its keys' rows hold the same spend)")));
    }

    private static Integer clamp(long tokens) {
        return (int) Math.min(tokens, Integer.MAX_VALUE);
    }
}
