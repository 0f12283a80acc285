package dev.gatehouse.server.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.auth.Limits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a request is held to, by kind of limit, and the counter names the stores keep them under. */
class AdmissionPlanTest {

    private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void everyLimitOfTheKeyAndItsTeamIsAnEntryOfItsKind() {
        Scope key = new Scope("key", "key_1", new Limits(null, null, null, null, 60, 1000L, 4));
        Scope team = new Scope("team", "team_1", new Limits(new BigDecimal("50"), new BigDecimal("40"), "daily",
                null, null, null, null));
        AdmissionPlan plan = AdmissionPlan.of(List.of(key, team), 300, 7, NOON, new LimitSettings(100, 20));

        assertEquals(List.of(new Limit.InFlight(key, 4), new Limit.InFlight(team, 20),
                new Limit.Budget(team, BudgetPeriod.of(NOON, "daily", null), 7, 12 * 3600 + 24 * 3600)),
                plan.pools(), "the team's budget without a parallel limit of its own gets the settings' bound");
        assertEquals(List.of(new Limit.Requests(key, 60), new Limit.Tokens(key, 1000, 300)), plan.windows());
        assertEquals(300, plan.tokens());
        assertEquals(7, plan.reserve());
    }

    /** The names are Redis keys that instances of different versions share: they do not change. */
    @Test
    void takesKeepTheirCounterNames() {
        Scope key = new Scope("key", "key_1", new Limits(new BigDecimal("1"), new BigDecimal("0.5"), null, null, 60,
                1000L, 4));
        AdmissionPlan plan = AdmissionPlan.of(List.of(key), 300, 7, NOON, LimitSettings.DEFAULTS);
        assertEquals(List.of(new PoolTake("cc:key:key_1", false, 4, 1, 0L, 0, -1),
                new PoolTake("budget:key:key_1:0", true, 1_000_000_000L, 7, null, 0, 500_000_000L)),
                plan.poolTakes());
        assertEquals(List.of(new WindowTake("rpm:key:key_1", 60, 1), new WindowTake("tpm:key:key_1", 1000, 300)),
                plan.windowTakes());
    }

    @Test
    void aSoftBudgetAloneRefusesNothingAndBoundsNothingInFlight() {
        Scope soft = new Scope("key", "key_soft", new Limits(null, new BigDecimal("5"), null, null, null, null, null));
        AdmissionPlan plan = AdmissionPlan.of(List.of(soft), 1, 1, NOON, LimitSettings.DEFAULTS);
        assertEquals(1, plan.pools().size());
        assertTrue(plan.poolTakes().getFirst().limit() > 1_000_000_000_000_000L);
    }

    @Test
    void aRequestThatCallsNoModelIsHeldToTheRequestsWindowsAlone() {
        Scope key = new Scope("key", "key_1", new Limits(BigDecimal.TEN, null, null, null, 60, 1000L, 4));
        Scope team = new Scope("team", "team_1", new Limits(null, null, null, null, 600, null, null));
        AdmissionPlan plan = AdmissionPlan.requestsOnly(List.of(key, team));
        assertEquals(List.of(new Limit.Requests(key, 60), new Limit.Requests(team, 600)), plan.windows());
        assertTrue(plan.pools().isEmpty());
        assertTrue(AdmissionPlan.requestsOnly(List.of(new Scope("key", "k", new Limits(BigDecimal.TEN, null, null,
                null, null, null, null)))).isEmpty());
    }
}
