package dev.gatehouse.server.migrate.litellm;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one read of LiteLLM's database found, all from one repeatable-read snapshot.
 *
 * @param rows         rows per table; an absent table has no entry here and is in {@code absent}
 * @param dailySpend   spend per key, day and model, when history was asked for
 * @param spendSource  the table the history was summed from, or null
 * @param absent       tables this LiteLLM version does not have
 */
record LiteLlmSnapshot(Map<LiteLlmTable, List<LiteLlmRow>> rows, List<DailySpend> dailySpend, String spendSource,
        Set<String> absent) {

    List<LiteLlmRow> of(LiteLlmTable table) {
        return rows.getOrDefault(table, List.of());
    }
}
