package dev.gatehouse.server.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.AuditEntry;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.auth.VirtualKey;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestStores;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every limit store must do, through the {@link Limiter}: run once in memory and once on a
 * real redis-server. The clock is moved by hand: windows, periods and leases follow it.
 * Prices: the model "priced" costs $1 per input token and $1 per output token, so costs read as
 * token counts; "free" has no price.
 */
abstract class LimiterContract {

    static final ModelPrice DOLLAR_A_TOKEN = ModelPrice.tokens("1000000", "1000000");
    /** A dollar a token, and a model that can answer with at most 200 tokens. */
    static final ModelPrice CAPPED_OUTPUT = new ModelPrice(new BigDecimal("1000000"), new BigDecimal("1000000"), null,
            null, null, null, 200, null);

    MutableClock clock;
    ControlPlane control;
    /** What the spend log says each key or team spent since a period's start. */
    final Map<String, BigDecimal> spendLog = new HashMap<>();
    Limiter limiter;

    /** A limiter over the store under test. */
    abstract Limiter newLimiter(SpendSoFar spend, LimitSettings settings);

    /** A limiter over the store under test, with the default settings. */
    Limiter newLimiter(SpendSoFar spend) {
        return newLimiter(spend, LimitSettings.DEFAULTS);
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock();
        control = TestStores.h2ControlPlane();
        limiter = newLimiter(spendSoFar());
    }

    @AfterEach
    void tearDown() {
        limiter.close();
        control.close();
    }

    SpendSoFar spendSoFar() {
        return new SpendSoFar() {
            @Override
            public BigDecimal ofKey(String keyId, Instant since) {
                return spendLog.getOrDefault(keyId, BigDecimal.ZERO);
            }

            @Override
            public BigDecimal ofTeam(String teamId, Instant since) {
                return spendLog.getOrDefault(teamId, BigDecimal.ZERO);
            }

            @Override
            public BigDecimal ofEndUser(String endUserId, Instant since) {
                return spendLog.getOrDefault(endUserId, BigDecimal.ZERO);
            }
        };
    }

    static Map<String, ModelPrice> prices() {
        return Map.of("priced", DOLLAR_A_TOKEN, "capped", CAPPED_OUTPUT);
    }

    static Caller key(String id, Limits limits) {
        return new Caller(new VirtualKey(id, id, null, List.of("*"), Set.of(Endpoint.CHAT), List.of(), null, limits,
                Json.object(), VirtualKey.Status.ACTIVE, 0, 0, null), Optional.empty());
    }

    static Caller teamKey(String id, Team team) {
        return new Caller(new VirtualKey(id, id, team.id(), List.of("*"), Set.of(Endpoint.CHAT), List.of(), null,
                Limits.NONE, Json.object(), VirtualKey.Status.ACTIVE, 0, 0, null), Optional.of(team));
    }

    static Limits rpm(int rpm) {
        return new Limits(null, null, null, null, rpm, null, null);
    }

    static Limits budget(String max, String soft, String period, String zone) {
        return new Limits(max == null ? null : new BigDecimal(max), soft == null ? null : new BigDecimal(soft), period,
                zone, null, null, null);
    }

    /** A request for {@code input} tokens in and at most {@code output} out. */
    static Demand demand(String model, long input, int output) {
        return new Demand(model, input, output, 1, 0, null, null);
    }

    Admission admit(Caller caller, Demand demand) {
        return limiter.admit(caller, () -> demand, new LinkedHashMap<>());
    }

    GatewayException refused(Caller caller, Demand demand) {
        GatewayException no = assertThrows(GatewayException.class, () -> admit(caller, demand));
        assertEquals(429, no.status());
        return no;
    }

    @Test
    void aKeyGetsExactlyItsRequestsPerMinuteWithOpenAiHeaders() {
        Caller caller = key("key_rpm", rpm(3));
        for (int remaining = 2; remaining >= 0; remaining--) {
            Map<String, String> headers = new LinkedHashMap<>();
            limiter.admit(caller, () -> demand("priced", 1, 1), headers).settle(BigDecimal.ONE, 2L, true);
            assertEquals("3", headers.get("x-ratelimit-limit-requests"));
            assertEquals(Integer.toString(remaining), headers.get("x-ratelimit-remaining-requests"));
            assertEquals("60s", headers.get("x-ratelimit-reset-requests"), "the window is the clock's whole minute");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        GatewayException.RateLimited no = assertThrows(GatewayException.RateLimited.class,
                () -> limiter.admit(caller, () -> demand("priced", 1, 1), headers));
        assertEquals("rate_limit_error", no.type());
        assertEquals(Duration.ofSeconds(60), no.retryAfter().orElseThrow());
        assertTrue(no.getMessage().contains("The key's limit of 3 requests per minute"), no.getMessage());
        assertEquals("0", headers.get("x-ratelimit-remaining-requests"), "a refusal carries the headers too");
        clock.advance(Duration.ofSeconds(45));
        refused(caller, demand("priced", 1, 1));
        clock.advance(Duration.ofSeconds(15));
        admit(caller, demand("priced", 1, 1));
    }

    @Test
    void tokensPerMinuteCountTheEstimateAndAreCorrectedToTheRealUsage() {
        Caller caller = key("key_tpm", new Limits(null, null, null, null, null, 1000L, null));
        Map<String, String> headers = new LinkedHashMap<>();
        Admission first = limiter.admit(caller, () -> demand("priced", 100, 400), headers);
        assertEquals("500", headers.get("x-ratelimit-remaining-tokens"), "100 in + 400 out estimated");
        GatewayException no = refused(caller, demand("priced", 100, 500));
        assertTrue(no.getMessage().contains("estimated 600 tokens"), no.getMessage());
        first.settle(BigDecimal.ONE, 50L, true);
        headers.clear();
        limiter.admit(caller, () -> demand("priced", 100, 800), headers);
        assertEquals("50", headers.get("x-ratelimit-remaining-tokens"), "50 real + 900 estimated of 1000");
    }

    @Test
    void aRequestWithoutAnOutputLimitCountsItsInputUntilItsUsageIsKnown() {
        Caller caller = key("key_tpm_open", new Limits(null, null, null, null, null, 1000L, null));
        Map<String, String> headers = new LinkedHashMap<>();
        Admission open = limiter.admit(caller, () -> new Demand("priced", 100, null, 1, 0, null, null), headers);
        assertEquals("900", headers.get("x-ratelimit-remaining-tokens"), "no max_tokens: its input alone");
        open.settle(BigDecimal.ONE, 700L, true);
        headers.clear();
        limiter.admit(caller, () -> new Demand("priced", 100, null, 1, 0, null, null), headers);
        assertEquals("200", headers.get("x-ratelimit-remaining-tokens"), "700 real, then 100 more");
    }

    @Test
    void requestsInFlightAreLimitedAndGivenBackWhenTheyEnd() {
        Caller caller = key("key_cc", new Limits(null, null, null, null, null, null, 2));
        Admission one = admit(caller, demand("priced", 1, 1));
        admit(caller, demand("priced", 1, 1));
        GatewayException no = refused(caller, demand("priced", 1, 1));
        assertTrue(no.getMessage().contains("2 requests in flight"), no.getMessage());
        one.settle(null, null, false);
        one.settle(null, null, false); // settling twice gives back once
        admit(caller, demand("priced", 1, 1));
        refused(caller, demand("priced", 1, 1));
    }

    @Test
    void aBudgetReservesTheWorstCaseAndACheapAnswerFreesIt() {
        Caller caller = key("key_budget", budget("1000", null, "daily", null));
        Admission one = admit(caller, demand("priced", 100, 300)); // $400 reserved
        admit(caller, demand("priced", 100, 300));                 // $800
        Map<String, String> headers = new LinkedHashMap<>();
        GatewayException no = assertThrows(LimitErrors.BudgetSpent.class,
                () -> limiter.admit(caller, () -> demand("priced", 100, 300), headers));
        assertEquals(429, no.status());
        assertEquals("insufficient_quota", no.type());
        assertEquals("false", headers.get("x-should-retry"));
        assertTrue(no.getMessage().startsWith("The key's daily budget of $1000.00 is nearly spent"), no.getMessage());
        assertTrue(no.getMessage().contains("it resets at 2026-11-27T00:00:00Z"), no.getMessage());
        assertTrue(!no.getMessage().contains("key_budget"), "the message names the budget, not the key");
        one.settle(new BigDecimal("10"), 20L, true);                // a cheap answer: $410 used
        admit(caller, demand("priced", 100, 300));                 // $810
    }

    /** count_tokens: a request for the key's requests per minute, and nothing else (no tokens, budget or slot). */
    @Test
    void aCountedRequestTakesFromTheRequestsWindowOnly() {
        Caller caller = key("key_count", new Limits(new BigDecimal("5"), null, null, null, 3, 10L, 1));
        Admission inFlight = admit(caller, demand("priced", 2, 2)); // $4 held, the one slot taken, 4 tokens
        Map<String, String> headers = new LinkedHashMap<>();
        limiter.countRequest(caller, headers); // neither the slot, the budget nor the tokens stop it
        assertEquals("3", headers.get("x-ratelimit-limit-requests"));
        assertEquals("1", headers.get("x-ratelimit-remaining-requests"));
        limiter.countRequest(caller, new LinkedHashMap<>());
        GatewayException.RateLimited no = assertThrows(GatewayException.RateLimited.class,
                () -> limiter.countRequest(caller, new LinkedHashMap<>()));
        assertTrue(no.getMessage().contains("The key's limit of 3 requests per minute"), no.getMessage());
        inFlight.settle(new BigDecimal("4"), 4L, true);
        GatewayException window = refused(caller, demand("priced", 0, 1));
        assertTrue(window.getMessage().contains("3 requests per minute"), "counted requests use up the window: "
                + window.getMessage());
        clock.advance(Duration.ofMinutes(1));
        admit(caller, demand("priced", 0, 1)); // $4 spent of $5: counting held nothing of the budget
        Caller unlimited = key("key_count_free", Limits.NONE);
        for (int i = 0; i < 10; i++) {
            limiter.countRequest(unlimited, new LinkedHashMap<>());
        }
    }

    @Test
    void withoutAnOutputLimitABudgetReservesTheModelsMaximumOutputOrTheDefault() {
        Caller caller = key("key_max_output", budget("1000", null, null, null));
        Demand noLimit = new Demand("capped", 100, null, 1, 0, null, null);
        admit(caller, noLimit); // 100 in + 200 out at most: $300
        admit(caller, noLimit); // $600
        admit(caller, noLimit); // $900
        GatewayException no = refused(caller, noLimit);
        assertTrue(no.getMessage().contains("may cost up to $300.00"), no.getMessage());
        Caller other = key("key_default_output", budget("1000", null, null, null));
        GatewayException unknownMaximum = refused(other, new Demand("priced", 100, null, 1, 0, null, null));
        assertTrue(unknownMaximum.getMessage().contains("may cost up to $"
                        + (100 + LimitSettings.DEFAULTS.defaultMaxOutputTokens()) + ".00"),
                "no maximum in the table: the default output is reserved: " + unknownMaximum.getMessage());
    }

    /** The output reserved for a model of unknown maximum is a setting. */
    @Test
    void theDefaultOutputOfAModelWithoutAKnownMaximumIsASetting() {
        limiter.close();
        limiter = newLimiter(spendSoFar(), new LimitSettings(500, 0));
        Caller caller = key("key_setting_output", budget("1000", null, null, null));
        Demand noLimit = new Demand("priced", 100, null, 1, 0, null, null);
        admit(caller, noLimit); // 100 in + 500 out: $600
        GatewayException no = refused(caller, noLimit);
        assertTrue(no.getMessage().contains("may cost up to $600.00"), no.getMessage());
    }

    /**
     * A key with a budget and no max_parallel_requests of its own gets the settings' bound on
     * requests in flight: many concurrent requests that each write more than they reserved could
     * otherwise run far past the budget. Its own max_parallel_requests replaces the bound.
     */
    @Test
    void aBudgetWithoutItsOwnParallelLimitIsBoundedInFlightByTheSetting() {
        limiter.close();
        limiter = newLimiter(spendSoFar(), new LimitSettings(100, 3));
        Caller budgeted = key("key_bounded", budget("1000000", null, null, null));
        List<Admission> held = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(admit(budgeted, demand("priced", 1, 1)));
        }
        GatewayException full = refused(budgeted, demand("priced", 1, 1));
        assertTrue(full.getMessage().contains("limit of 3 requests in flight at once (the bound of a budget"),
                full.getMessage());
        held.removeFirst().settle(BigDecimal.ONE, 2L, true);
        held.add(admit(budgeted, demand("priced", 1, 1)));

        Caller own = key("key_own_parallel", new Limits(new BigDecimal("1000000"), null, null, null, null, null, 5));
        for (int i = 0; i < 5; i++) {
            admit(own, demand("priced", 1, 1));
        }
        assertTrue(refused(own, demand("priced", 1, 1)).getMessage().contains("limit of 5 requests in flight"));

        Caller noBudget = key("key_no_budget", rpm(1000));
        for (int i = 0; i < 10; i++) {
            admit(noBudget, demand("priced", 1, 1)); // a key without a budget is not bounded by the setting
        }
    }

    @Test
    void aBudgetNeverLetsOneRequestPastItAndAnUnknownCostKeepsTheReservation() {
        Caller caller = key("key_spent", budget("100", null, null, null));
        admit(caller, demand("priced", 10, 40)).settle(null, null, true); // usage unknown: the $50 stays spent
        admit(caller, demand("priced", 10, 40)).settle(null, null, false); // refused upstream: nothing spent
        admit(caller, demand("priced", 10, 40)).settle(new BigDecimal("50"), 50L, true);
        GatewayException no = refused(caller, demand("priced", 0, 1));
        assertTrue(no.getMessage().contains("budget of $100.00 is spent; it does not reset."), no.getMessage());
    }

    @Test
    void aDailyBudgetResetsAtMidnightInItsTimeZone() {
        // 12:00 UTC is 21:00 in Tokyo; the Tokyo day ends at 15:00 UTC.
        Caller caller = key("key_tokyo", budget("100", null, "daily", "Asia/Tokyo"));
        admit(caller, demand("priced", 50, 50)).settle(new BigDecimal("100"), 100L, true);
        GatewayException no = refused(caller, demand("priced", 1, 1));
        assertTrue(no.getMessage().contains("it resets at 2026-11-27T00:00:00+09:00"), no.getMessage());
        clock.advance(Duration.ofMinutes(179));
        refused(caller, demand("priced", 1, 1));
        clock.advance(Duration.ofMinutes(2));
        admit(caller, demand("priced", 1, 1));
    }

    @Test
    void aMonthlyBudgetStartsFromWhatTheSpendLogSaysWasSpent() {
        spendLog.put("key_seeded", new BigDecimal("950"));
        Caller caller = key("key_seeded", budget("1000", null, "monthly", "Europe/Berlin"));
        admit(caller, demand("priced", 20, 20)).settle(new BigDecimal("40"), 40L, true);
        GatewayException no = refused(caller, demand("priced", 10, 10));
        assertTrue(no.getMessage().contains("monthly budget of $1000.00 is nearly spent ($990.00 spent"),
                no.getMessage());
        assertTrue(no.getMessage().contains("it resets at 2026-12-01T00:00:00+01:00"), no.getMessage());
    }

    @Test
    void aTeamBudgetIsSharedByTheTeamsKeys() {
        Team team = new Team("team_shared", "shared", List.of("*"), budget("1000", null, "weekly", null),
                Json.object(), 0, 0);
        admit(teamKey("key_a", team), demand("priced", 100, 300));
        admit(teamKey("key_b", team), demand("priced", 100, 300));
        GatewayException no = refused(teamKey("key_a", team), demand("priced", 100, 300));
        assertTrue(no.getMessage().startsWith("The team's weekly budget of $1000.00"), no.getMessage());
        assertTrue(no.getMessage().contains("it resets at 2026-11-30T00:00:00Z"), "weeks start on Monday");
    }

    Admission admit(Caller caller, EndUserLimits endUser, Demand demand) {
        return limiter.admit(caller, endUser, () -> demand, new LinkedHashMap<>());
    }

    GatewayException refused(Caller caller, EndUserLimits endUser, Demand demand) {
        GatewayException no = assertThrows(GatewayException.class, () -> admit(caller, endUser, demand));
        assertEquals(429, no.status());
        return no;
    }

    @Test
    void anEndUsersBudgetHoldsAcrossKeysFromWhatTheSpendLogSaysItSpent() {
        EndUserLimits customer = new EndUserLimits("customer-1", budget("10", null, "monthly", null));
        spendLog.put("customer-1", new BigDecimal("6"));
        admit(key("key_a", Limits.NONE), customer, demand("priced", 1, 1));
        admit(key("key_b", Limits.NONE), customer, demand("priced", 1, 1));
        GatewayException no = refused(key("key_c", Limits.NONE), customer, demand("priced", 1, 1));
        assertTrue(no.getMessage().startsWith("The end user's monthly budget of $10.00 is"), no.getMessage());
        admit(key("key_c", Limits.NONE), new EndUserLimits("customer-2", budget("10", null, "monthly", null)),
                demand("priced", 1, 1));
        admit(key("key_c", Limits.NONE), null, demand("priced", 1, 1));
    }

    @Test
    void anEndUsersRequestsPerMinuteHoldAcrossKeysAlongsideTheKeys() {
        EndUserLimits customer = new EndUserLimits("customer-rpm", rpm(2));
        Caller limitedKey = key("key_rpm_a", rpm(5));
        Map<String, String> headers = new LinkedHashMap<>();
        limiter.admit(limitedKey, customer, () -> demand("priced", 1, 1), headers);
        assertEquals("2", headers.get("x-ratelimit-limit-requests"), "the tighter window is the one reported");
        admit(key("key_rpm_b", Limits.NONE), customer, demand("priced", 1, 1));
        GatewayException no = refused(limitedKey, customer, demand("priced", 1, 1));
        assertTrue(no.getMessage().contains("The end user's limit of 2 requests per minute"), no.getMessage());
        admit(limitedKey, new EndUserLimits("customer-other", rpm(2)), demand("priced", 1, 1));
        clock.advance(Duration.ofMinutes(1));
        admit(limitedKey, customer, demand("priced", 1, 1));
    }

    @Test
    void anEndUserNoAdminCreatedIsHeldToTheConfiguredDefaultsEachOnItsOwn() {
        limiter.close();
        limiter = newLimiter(spendSoFar(), new LimitSettings(32_768, 20, rpm(1)));
        Caller caller = key("key_defaults", Limits.NONE);
        admit(caller, new EndUserLimits("stranger-1", null), demand("priced", 1, 1));
        GatewayException no = refused(caller, new EndUserLimits("stranger-1", null), demand("priced", 1, 1));
        assertTrue(no.getMessage().contains("The end user's limit of 1 requests per minute"), no.getMessage());
        admit(caller, new EndUserLimits("stranger-2", null), demand("priced", 1, 1));
        for (int i = 0; i < 3; i++) {
            admit(caller, new EndUserLimits("created-without-limits", Limits.NONE), demand("priced", 1, 1));
        }
    }

    @Test
    void aCountedRequestTakesFromTheEndUsersRequestsWindowToo() {
        EndUserLimits customer = new EndUserLimits("customer-count", rpm(1));
        limiter.countRequest(key("key_count", Limits.NONE), customer, new LinkedHashMap<>());
        GatewayException no = assertThrows(GatewayException.class,
                () -> limiter.countRequest(key("key_count", Limits.NONE), customer, new LinkedHashMap<>()));
        assertEquals(429, no.status());
    }

    @Test
    void aSoftBudgetAlertsOncePerPeriodAndRefusesNothing() {
        Caller caller = key("key_soft", budget(null, "5", "daily", null));
        for (int i = 0; i < 4; i++) {
            admit(caller, demand("priced", 1, 1)).settle(new BigDecimal("3"), 2L, true);
        }
        clock.advance(Duration.ofDays(1));
        admit(caller, demand("priced", 1, 1)).settle(new BigDecimal("6"), 2L, true);
        List<AuditEntry> alerts = awaitAudit(2);
        assertEquals(2, alerts.size(), "one alert on the first day (at $6 of $5), one on the next");
        assertEquals("key:key_soft", alerts.getFirst().target());
        StringBuilder metrics = new StringBuilder();
        limiter.scrape(metrics);
        assertTrue(metrics.toString().contains("gatehouse_soft_budget_alerts_total 2"), metrics.toString());
    }

    @Test
    void aBudgetOnAnUnpricedModelIsRefusedNamingTheModel() {
        Caller caller = key("key_free", budget("10", null, null, null));
        GatewayException.BadRequest no = assertThrows(GatewayException.BadRequest.class,
                () -> admit(caller, demand("free", 1, 1)));
        assertTrue(no.getMessage().contains("'free' has no known price"), no.getMessage());
        assertEquals("model", no.param());
        // Without a budget the same model is served: only a rate limit applies.
        admit(key("key_free_rpm", rpm(1)), demand("free", 1, 1));
    }

    @Test
    void aKeyWithoutLimitsIsNotCountedAtAll() {
        Caller caller = key("key_free_for_all", Limits.NONE);
        assertSame(Admission.NONE, limiter.admit(caller, () -> {
            throw new AssertionError("the demand of an unlimited key is never worked out");
        }, new LinkedHashMap<>()));
    }

    List<AuditEntry> awaitAudit(int atLeast) {
        for (int i = 0; i < 400; i++) {
            List<AuditEntry> alerts = control.audit().list(0, 1000).stream()
                    .filter(e -> e.action().equals("budget.soft_reached")).toList();
            if (alerts.size() >= atLeast) {
                return alerts;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        return control.audit().list(0, 1000).stream().filter(e -> e.action().equals("budget.soft_reached")).toList();
    }
}
