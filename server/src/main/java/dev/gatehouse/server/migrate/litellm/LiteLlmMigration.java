package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.Actor;
import java.time.Clock;
import java.util.List;

/**
 * {@code gatehouse migrate litellm} as one call: read LiteLLM's database, plan against the
 * Gatehouse store, write the plan when asked, and report. A dry run reads both databases and
 * writes neither.
 */
public final class LiteLlmMigration {

    private LiteLlmMigration() {}

    public static MigrationReport run(LiteLlmDatabaseUrl from, ControlPlane into, MigrationSettings settings,
            boolean apply, Actor actor, Clock clock) {
        LiteLlmSnapshot snapshot = LiteLlmReader.read(from, settings.spendHistory());
        GatehouseState state = new StoreState(into.keys(), into.database());
        MigrationPlan plan = MigrationPlanner.plan(snapshot, state, settings, clock.instant());
        List<Applied> applied = apply
                ? new MigrationWriter(into.keys(), into.database(), into.audit(), state, actor).apply(plan)
                : List.of();
        return new MigrationReport(from.describe(), !apply, plan, applied);
    }
}
