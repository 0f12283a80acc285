package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.server.spend.SpendSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code spend:} section and a deployment's {@code pricing:}. */
class SpendConfigTest {

    private static ConfigLoader.Loaded parse(String yaml) {
        return Configs.loader().parse(yaml, "test.yaml");
    }

    private static String problems(ConfigLoader.Loaded loaded) {
        return loaded.problems().toString();
    }

    @Test
    void spendSettingsAreReadAndDefaulted() {
        ConfigLoader.Loaded loaded = parse("""
                spend:
                  flush_interval_seconds: 0.25
                  retention_days: 30
                models:
                  - name: m
                    provider: mock
                    model: mock
                """);
        assertEquals(List.of(), loaded.problems());
        SpendSettings spend = loaded.config().spend();
        assertEquals(Duration.ofMillis(250), spend.flushInterval());
        assertEquals(30, spend.retentionDays());
        assertEquals(SpendSettings.DEFAULT_BATCH_SIZE, spend.batchSize());
        assertTrue(spend.enabled());
        assertEquals(SpendSettings.defaults(), parse("models: []").config().spend());
    }

    @Test
    void wrongSpendSettingsAreNamed() {
        String problems = problems(parse("""
                spend:
                  flush_interval_seconds: 0
                  batch_size: 0
                  retention_days: -1
                  flush_every: 2
                models: []
                """));
        assertTrue(problems.contains("spend.flush_interval_seconds"), problems);
        assertTrue(problems.contains("spend.batch_size"), problems);
        assertTrue(problems.contains("spend.retention_days"), problems);
        assertTrue(problems.contains("flush_every"), problems);
    }

    @Test
    void aDeploymentsPricingIsKeptByProviderAndUpstreamModel() {
        ConfigLoader.Loaded loaded = parse("""
                models:
                  - name: m
                    provider: mock
                    model: cheap
                    pricing:
                      input_per_million: 0.5
                      output_per_million: 1.5
                      per_image: {"1024x1024": 0.04}
                """);
        assertEquals(List.of(), loaded.problems());
        ModelPrice price = loaded.config().prices().get("mock/cheap");
        assertEquals(new BigDecimal("0.5"), price.inputPerMillion());
        assertEquals(new BigDecimal("1.5"), price.outputPerMillion());
        assertEquals(new BigDecimal("0.04"), price.imagePrice(null, "1024x1024"));
    }

    @Test
    void wrongPricingIsNamed() {
        String problems = problems(parse("""
                models:
                  - name: m
                    provider: mock
                    model: a
                    pricing:
                      input_per_million: -1
                      output_per_milion: 2
                  - name: n
                    provider: mock
                    model: b
                    pricing:
                      output_per_million: 2
                  - name: o
                    provider: mock
                    model: c
                    pricing: {input_per_million: 1}
                  - name: p
                    provider: mock
                    model: c
                    pricing: {input_per_million: 2}
                """));
        assertTrue(problems.contains("input_per_million"), problems);
        assertTrue(problems.contains("output_per_milion"), problems);
        assertTrue(problems.contains("give input_per_million"), problems);
        assertTrue(problems.contains("sets a different price"), problems);
    }
}
