package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.KeyService;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.auth.VirtualKey;
import dev.gatehouse.server.store.Database;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Writes a plan: teams and keys through {@link KeyService} (which checks them as it checks any
 * team or key, records the change for running gateways and audits each as {@code team.imported}
 * or {@code key.imported}), spend rows straight into the spend log, audited per key or team as
 * {@code spend.imported}. Each object is its own transaction: one that fails is reported and the
 * rest go on, and a second run picks up what is missing.
 */
final class MigrationWriter {

    private final KeyService keys;
    private final Database database;
    private final AuditLog audit;
    private final GatehouseState state;
    private final Actor actor;
    private final Map<String, String> teamIds = new HashMap<>();
    private final Map<String, BigDecimal> spendByTarget = new LinkedHashMap<>();
    private final Map<String, Integer> rowsByTarget = new HashMap<>();

    MigrationWriter(KeyService keys, Database database, AuditLog audit, GatehouseState state, Actor actor) {
        this.keys = keys;
        this.database = database;
        this.audit = audit;
        this.state = state;
        this.actor = actor;
    }

    List<Applied> apply(MigrationPlan plan) {
        teamIds.putAll(state.importedTeams());
        List<Applied> applied = new ArrayList<>();
        for (Planned item : plan.items()) {
            try {
                switch (item) {
                    case Planned.TeamImport team -> applied.add(team(team));
                    case Planned.KeyImport key -> applied.add(key(key));
                    case Planned.SpendImport spend -> applied.add(spend(spend));
                    case Planned.Skipped skipped -> { }
                }
            } catch (IllegalArgumentException | NoSuchElementException e) {
                applied.add(new Applied(item, null, e.getMessage()));
            }
        }
        spendByTarget.forEach((target, total) -> audit.append(actor.event("spend.imported", target)
                .with("from", "litellm").with("rows", rowsByTarget.get(target)).with("cost_usd",
                        total.toPlainString())));
        return applied;
    }

    private Applied team(Planned.TeamImport item) {
        Team team = keys.importTeam(item.draft(), actor);
        teamIds.put(item.liteLlmTeamId(), team.id());
        return new Applied(item, team.id(), null);
    }

    private Applied key(Planned.KeyImport item) {
        String teamId = null;
        if (item.liteLlmTeamId() != null) {
            teamId = teamIds.get(item.liteLlmTeamId());
            if (teamId == null) {
                return new Applied(item, null, "its team " + item.liteLlmTeamId() + " was not imported");
            }
        }
        KeyDraft d = item.draft();
        KeyDraft draft = new KeyDraft(d.name(), teamId, d.models(), d.endpoints(), d.cidrs(), d.expiresAt(),
                d.limits(), d.metadata());
        Optional<VirtualKey> key = keys.importKey(draft, item.secrets(), item.createdAt(), actor);
        return key.map(k -> new Applied(item, k.id(), null))
                .orElseGet(() -> new Applied(item, null, "imported meanwhile (its secret is known already)"));
    }

    private Applied spend(Planned.SpendImport item) {
        String keyId;
        String teamId;
        String owner;
        if (item.keyHash() != null) {
            Optional<VirtualKey> key = state.keyIdOfHash(item.keyHash()).flatMap(keys::key);
            if (key.isEmpty()) {
                return new Applied(item, null, "its key was not imported");
            }
            keyId = key.get().id();
            teamId = key.get().teamId();
            owner = keyId;
        } else {
            teamId = teamIds.get(item.liteLlmTeamId());
            if (teamId == null) {
                return new Applied(item, null, "its team was not imported");
            }
            keyId = SpendRows.TEAM_ONLY_KEY;
            owner = teamId;
        }
        String requestId = SpendRows.requestId(item.route(), owner, item.requestIdPart());
        boolean written = database.inTransaction(tx -> SpendRows.write(tx, item, requestId, keyId, teamId));
        if (!written) {
            return new Applied(item, null, "imported meanwhile (" + requestId + ")");
        }
        String target = item.keyHash() != null ? "key:" + keyId : "team:" + teamId;
        spendByTarget.merge(target, item.costUsd(), BigDecimal::add);
        rowsByTarget.merge(target, 1, Integer::sum);
        return new Applied(item, requestId, null);
    }
}
