package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.server.attribution.EndUsers;
import dev.gatehouse.server.auth.KeyService;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.store.Database;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link GatehouseState} read from the Gatehouse store. */
final class StoreState implements GatehouseState {

    private final KeyService keys;
    private final EndUsers endUsers;
    private final Database database;
    /** The end users earlier runs imported, read once (end users keep no origin of their own). */
    private Set<String> importedEndUsers;

    StoreState(KeyService keys, EndUsers endUsers, Database database) {
        this.keys = keys;
        this.endUsers = endUsers;
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
    public boolean hasEndUser(String id) {
        return endUsers.get(id).isPresent();
    }

    @Override
    public boolean importedEndUser(String id) {
        if (importedEndUsers == null) {
            List<String> targets = database.query("SELECT target FROM audit_log WHERE action = 'end_user.imported'",
                    row -> row.getString(1));
            importedEndUsers = new HashSet<>();
            targets.forEach(target -> importedEndUsers.add(target.substring("end_user:".length())));
        }
        return importedEndUsers.contains(id);
    }

    @Override
    public boolean hasSpendRow(String requestId) {
        return SpendRows.exists(database, requestId);
    }
}
