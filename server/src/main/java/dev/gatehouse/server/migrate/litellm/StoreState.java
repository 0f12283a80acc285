package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.server.auth.KeyService;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.store.Database;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link GatehouseState} read from the Gatehouse store. */
final class StoreState implements GatehouseState {

    private final KeyService keys;
    private final Database database;

    StoreState(KeyService keys, Database database) {
        this.keys = keys;
        this.database = database;
    }

    @Override
    public Map<String, String> importedTeams() {
        Map<String, String> imported = new HashMap<>();
        for (Team team : keys.teams()) {
            String liteLlmId = TeamMapping.liteLlmId(team.metadata());
            if (liteLlmId != null) {
                imported.putIfAbsent(liteLlmId, team.id());
            }
        }
        return imported;
    }

    @Override
    public Set<String> teamNames() {
        return keys.teams().stream().map(Team::name).collect(Collectors.toSet());
    }

    @Override
    public Optional<String> keyIdOfHash(String hash) {
        return keys.keyIdOfHash(hash);
    }

    @Override
    public boolean hasSpendRow(String requestId) {
        return SpendRows.exists(database, requestId);
    }
}
