package dev.gatehouse.server.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.server.auth.Limits;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a request may cost at most: the reservation a budget holds for it (docs/limits.md, "Budgets"). */
class WorstCostTest {

    /** A dollar a token in and out, so costs read as token counts; a 10x tier above 1,000 prompt tokens. */
    private static final ModelPrice TIERED = new ModelPrice(new BigDecimal("1000000"), new BigDecimal("1000000"),
            null, null, null, Map.of(), null, new ModelPrice.LongContext(1000, new BigDecimal("10000000"),
                    new BigDecimal("10000000"), null));
    private static final ModelPrice IMAGES = new ModelPrice(null, null, null, null, null,
            Map.of("hd/1024x1024", new BigDecimal("0.08"), "*", new BigDecimal("0.04")));
    private static final WorstCost COST = new WorstCost(Map.of("priced", LimiterContract.DOLLAR_A_TOKEN,
            "capped", LimiterContract.CAPPED_OUTPUT, "tiered", TIERED, "images", IMAGES)::get,
            new LimitSettings(500, 20));

    private static Demand tokens(String model, long input, Integer output, int choices) {
        return new Demand(model, input, output, choices, 0, null, null);
    }

    @Test
    void inputAndAllTheOutputTheRequestAllowsForEachAnswer() {
        assertEquals(0, new BigDecimal("100").compareTo(COST.of(tokens("priced", 40, 60, 1))));
        assertEquals(0, new BigDecimal("160").compareTo(COST.of(tokens("priced", 40, 60, 2))), "n=2: output twice");
    }

    @Test
    void withoutAnOutputLimitTheModelsMaximumOutputElseTheSettingsDefault() {
        assertEquals(0, new BigDecimal("300").compareTo(COST.of(tokens("capped", 100, null, 1))),
                "the price table's maximum output: 200");
        assertEquals(0, new BigDecimal("600").compareTo(COST.of(tokens("priced", 100, null, 1))),
                "no known maximum: the setting's 500");
    }

    @Test
    void aLongPromptIsReservedAtItsTiersPrice() {
        assertEquals(0, new BigDecimal("1010").compareTo(COST.of(tokens("tiered", 1000, 10, 1))));
        assertEquals(0, new BigDecimal("10110").compareTo(COST.of(tokens("tiered", 1001, 10, 1))));
    }

    @Test
    void imagesCostTheirPriceTimesHowManyAndNothingWithoutOne() {
        assertEquals(0, new BigDecimal("0.24").compareTo(
                COST.of(new Demand("images", 10, 0, 1, 3, "hd", "1024x1024"))));
        assertEquals(0, new BigDecimal("0.04").compareTo(COST.of(new Demand("images", 10, 0, 1, 1, null, null))));
        assertNull(COST.of(tokens("images", 10, 10, 1)), "a model priced by image has no token price");
        assertNull(COST.of(tokens("unknown", 10, 10, 1)));
    }

    @Test
    void aReservationIsRoundedUpToWholeNanoDollarsAndOnlyTakenUnderABudget() {
        Scope budget = new Scope("key", "k", new Limits(BigDecimal.TEN, null, null, null, null, null, null));
        Scope rpm = new Scope("key", "k", new Limits(null, null, null, null, 5, null, null));
        WorstCost cheap = new WorstCost(Map.of("cheap", ModelPrice.tokens("0.0001", "0.0001"))::get,
                LimitSettings.DEFAULTS);
        assertEquals(1, cheap.reservation(tokens("cheap", 1, 0, 1), List.of(budget)), "1e-10 dollars: one nano-dollar");
        assertEquals(0, cheap.reservation(tokens("cheap", 1, 0, 1), List.of(rpm)), "no budget: nothing reserved");
    }

    @Test
    void anUnpricedModelIsA400UnderAMaxBudgetAndNothingUnderASoftOne() {
        Scope max = new Scope("team", "t", new Limits(BigDecimal.TEN, null, null, null, null, null, null));
        Scope soft = new Scope("key", "k", new Limits(null, BigDecimal.ONE, null, null, null, null, null));
        GatewayException.BadRequest no = assertThrows(GatewayException.BadRequest.class,
                () -> COST.reservation(tokens("free", 1, 1, 1), List.of(soft, max)));
        assertTrue(no.getMessage().contains("'free' has no known price"), no.getMessage());
        assertEquals("model", no.param());
        assertEquals(0, COST.reservation(tokens("free", 1, 1, 1), List.of(soft)));
    }
}
