package dev.gatehouse.server.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatehouse.catalog.ModelCatalog;
import dev.gatehouse.provider.Deployment;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The price a budget reserves at, before routing picks a deployment: the dearest of the model's
 * deployments, and unknown when any of them has no price; and a reload's new models priced too.
 * Prices are the bundled table's Anthropic figures (platform.claude.com/docs/en/about-claude/pricing).
 */
class SpendLogPricesTest {

    private static Deployment claude(String model, String upstream) {
        return Deployment.builder(model, "anthropic").upstreamModel(upstream).build();
    }

    private static SpendLog log(List<Deployment> deployments) {
        return new SpendLog(null, new Prices(ModelCatalog.bundled(), Map.of()), deployments, Clock.systemUTC());
    }

    @Test
    void aGroupIsReservedAtItsDearestDeployment() {
        SpendLog spend = log(List.of(claude("chat", "claude-haiku-4-5"), claude("chat", "claude-sonnet-4-5")));
        assertEquals(0, new BigDecimal("3").compareTo(spend.priceOf("chat").inputPerMillion()), "Sonnet, not Haiku");
    }

    @Test
    void aGroupWithAnUnpricedDeploymentHasNoKnownPrice() {
        SpendLog spend = log(List.of(claude("chat", "claude-haiku-4-5"),
                Deployment.builder("chat", "mistral").upstreamModel("mistral-not-in-the-catalog").build()));
        assertNull(spend.priceOf("chat"));
    }

    @Test
    void aReloadedConfigurationsNewModelsArePriced() {
        SpendLog spend = log(List.of(claude("chat", "claude-haiku-4-5")));
        assertNull(spend.priceOf("opus"), "not served yet");
        spend.serve(List.of(claude("chat", "claude-haiku-4-5"), claude("opus", "claude-opus-4-6")));
        assertEquals(0, new BigDecimal("5").compareTo(spend.priceOf("opus").inputPerMillion()));
    }
}
