package dev.gatehouse.server.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.catalog.ModelCatalog;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.spend.Prices;
import dev.gatehouse.server.spend.SpendLog;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A key with a budget reserves a request to a model the catalog prices, with no pricing: in the
 * configuration: gpt-4o was unpriced before the catalog, and such a request was a 400. The figures
 * are the catalog's (docs/catalog.md): $2.50 in and $10 out per million, 16,384 tokens of output at most.
 */
class CatalogReservationTest {

    private static final Scope BUDGET = new Scope("key", "k", new Limits(BigDecimal.TEN, null, null, null, null, null,
            null));

    private static WorstCost cost(Deployment deployment) {
        SpendLog spend = new SpendLog(null, new Prices(ModelCatalog.bundled(), Map.of()), List.of(deployment),
                Clock.systemUTC());
        return new WorstCost(spend::priceOf, LimitSettings.DEFAULTS);
    }

    @Test
    void gpt4oUnderAKeyBudgetIsReservedAtTheCatalogsPriceAndMaximumOutput() {
        WorstCost cost = cost(Deployment.builder("gpt-4o", "openai").build());
        Demand demand = new Demand("gpt-4o", 1_000, null, 1, 0, null, null);
        // 1,000 × $2.50/M + 16,384 × $10/M = $0.0025 + $0.16384 = $0.16634, in nano-dollars.
        assertEquals(166_340_000L, cost.reservation(demand, List.of(BUDGET)));
    }

    @Test
    void anAzureDeploymentWithABaseModelIsPricedAsThatModel() {
        WorstCost cost = cost(Deployment.builder("prod", "azure").upstreamModel("my-4o-deployment")
                .baseModel("gpt-4o").build());
        assertEquals(2_500_000L + 10_000_000L, cost.reservation(new Demand("prod", 1_000, 1_000, 1, 0, null, null),
                List.of(BUDGET)), "1,000 tokens each way at Azure's gpt-4o price");
    }
}
