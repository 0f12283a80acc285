package dev.gatehouse.server.migrate.litellm;

import java.util.List;
import java.util.Set;

/**
 * Everything a migration would do, and everything it leaves, in order: teams, keys, spend, end users.
 *
 * @param absent      LiteLLM tables this database does not have (an older LiteLLM version)
 * @param spendSource the LiteLLM table the spend history comes from, or null when none was read
 */
record MigrationPlan(List<Planned> items, Set<String> absent, String spendSource) {

    MigrationPlan {
        items = List.copyOf(items);
        absent = Set.copyOf(absent);
    }

    long imports() {
        return items.stream().filter(item -> !(item instanceof Planned.Skipped)).count();
    }
}
