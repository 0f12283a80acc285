package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblemAt;
import static dev.gatehouse.server.config.Configs.assertWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.auth.Limits;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's {@code litellm_settings.max_end_user_budget} (https://docs.litellm.ai/docs/proxy/customers):
 * the budget, without a period, of every end user that has none of its own, as Gatehouse's
 * {@code limits.end_user_defaults}.
 */
class LiteLlmEndUserBudgetConfigTest {

    private static ConfigLoader.Loaded load(String settings) {
        return Configs.load("model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/gpt-4o\n"
                + "      api_key: os.environ/OPENAI_API_KEY\n" + settings);
    }

    @Test
    void maxEndUserBudgetIsTheEndUserDefaultsBudgetForGood() {
        ConfigLoader.Loaded loaded = load("litellm_settings:\n  max_end_user_budget: 2.5\n");
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        assertTrue(loaded.warnings().isEmpty(), () -> loaded.warnings().toString());
        assertEquals(new Limits(new BigDecimal("2.5"), null, null, null, null, null, null),
                loaded.config().limits().endUserDefaults());
    }

    @Test
    void withoutItEndUsersHaveNoDefaultLimits() {
        ConfigLoader.Loaded loaded = load("litellm_settings:\n  drop_params: true\n");
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        assertEquals(Limits.NONE, loaded.config().limits().endUserDefaults());
    }

    @Test
    void aBudgetThatIsNoAmountIsAProblemAndTheBudgetIdIsIgnoredWithAWarning() {
        assertProblemAt(load("litellm_settings:\n  max_end_user_budget: lots\n"),
                "litellm_settings.max_end_user_budget", "must be a number of US dollars");
        assertProblemAt(load("litellm_settings:\n  max_end_user_budget: -1\n"),
                "litellm_settings.max_end_user_budget", "0 or more");
        ConfigLoader.Loaded byId = load("litellm_settings:\n  max_end_user_budget_id: budget-customers\n");
        assertTrue(byId.ok(), () -> byId.problems().toString());
        assertWarning(byId, "litellm_settings.max_end_user_budget_id", "write that budget's limits as"
                + " limits.end_user_defaults");
        assertEquals(Limits.NONE, byId.config().limits().endUserDefaults());
    }
}
