package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.catalog.Capabilities;
import dev.gatehouse.catalog.CatalogEntry;
import dev.gatehouse.catalog.ModelCatalog;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ModelInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model's facts: the deployment's model_info, else the catalog's entry of its model or base model. */
class ModelFactsTest {

    @Test
    void anAzureDeploymentWithABaseModelHasThatModelsFacts() {
        Deployment azure = Deployment.builder("prod", "azure").upstreamModel("my-4o").baseModel("gpt-4o").build();
        assertEquals(new ModelInfo(128_000, 16_384, true, true, null, true),
                ModelFacts.of(List.of(azure), ModelCatalog.bundled()));
        Deployment unnamed = Deployment.builder("prod", "azure").upstreamModel("my-4o").build();
        assertEquals(ModelInfo.UNKNOWN, ModelFacts.of(List.of(unnamed), ModelCatalog.bundled()));
    }

    @Test
    void theDeploymentsOwnModelInfoWinsAndTheGatewaysCatalogIsTheOneAsked() {
        CatalogEntry mine = new CatalogEntry("openai", "gpt-4o", "chat", ModelPrice.tokens("1", "2").withMaxOutput(100),
                1_000, new Capabilities(false, null, false, false, false, null), null, "https://example.test", "2026-12-01",
                null);
        ObjectNode about = Json.object();
        ModelCatalog catalog = ModelCatalog.bundled().withOverrides(ModelCatalog.of(List.of(mine), about));
        Gateway gateway = Gateway.builder().catalog(catalog)
                .deployment(Deployment.builder("plain", "openai").upstreamModel("gpt-4o").build())
                .deployment(Deployment.builder("said", "openai").upstreamModel("gpt-4o")
                        .modelInfo(new ModelInfo(null, null, null, null, true, null)).build())
                .build();
        assertEquals(new ModelInfo(1_000, 100, false, false, false, false), gateway.modelInfo("plain"));
        assertEquals(new ModelInfo(1_000, 100, false, false, true, false), gateway.modelInfo("said"));
    }
}
