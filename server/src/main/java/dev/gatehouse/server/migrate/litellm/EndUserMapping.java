package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.server.attribution.AttributionReader;
import dev.gatehouse.server.attribution.EndUserDraft;
import dev.gatehouse.server.auth.Limits;
import java.util.List;
import java.util.Optional;

/**
 * A row of LiteLLM's {@code LiteLLM_EndUserTable} (a customer), with the {@code LiteLLM_BudgetTable}
 * row its {@code budget_id} names, as a Gatehouse end user (docs/migrating-from-litellm.md has the table).
 */
final class EndUserMapping {

    /** End user columns with no Gatehouse equivalent: noted, by name, when they hold something. */
    private static final List<String> NOT_IMPORTED = List.of("allowed_model_region", "default_model",
            "object_permission_id");
    /** Budget columns with no Gatehouse equivalent for an end user. */
    private static final List<String> BUDGET_NOT_IMPORTED = List.of("model_max_budget", "allowed_models");

    private EndUserMapping() {}

    /** Why Gatehouse can not take this id as it is, or empty when it can. */
    static Optional<String> unusableId(String id) {
        if (id == null || id.isBlank() || !id.strip().equals(id) || id.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("its id is empty, has spaces around it or control characters; Gatehouse matches"
                    + " a request's end user id exactly");
        }
        if (id.length() > AttributionReader.MAX_END_USER) {
            return Optional.of("its id is longer than " + AttributionReader.MAX_END_USER + " characters");
        }
        return Optional.empty();
    }

    /**
     * The end user's alias, blocked flag and limits. Its budget, rates and period come from its budget
     * row, mapped as keys' and teams' are ({@link LimitsMapping}); without a budget row it has no limits.
     *
     * @param budget its budget row, or null when it has none or the row is gone
     */
    static EndUserDraft draft(LiteLlmRow user, LiteLlmRow budget, List<String> notes) {
        Limits limits = Limits.NONE;
        if (budget != null) {
            limits = LimitsMapping.limits(budget, notes);
            for (String column : BUDGET_NOT_IMPORTED) {
                if (budget.isSet(column)) {
                    notes.add("its budget's " + column + " not imported (no Gatehouse equivalent)");
                }
            }
        } else if (user.has("budget_id")) {
            notes.add("its budget " + user.text("budget_id") + " is not in LiteLLM's budget table: no limits");
        }
        for (String column : NOT_IMPORTED) {
            if (user.isSet(column)) {
                notes.add(column + " not imported (no Gatehouse equivalent): " + user.text(column));
            }
        }
        if (user.flag("blocked")) {
            notes.add("blocked, as in LiteLLM: every request naming it is refused");
        }
        String alias = user.text("alias");
        return new EndUserDraft(alias == null || alias.isBlank() ? null : alias, limits, user.flag("blocked"));
    }
}
