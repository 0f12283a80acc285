package dev.gatehouse.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Providers;
import org.junit.jupiter.api.Test;

/** LiteLLM's provider ids map onto providers Gatehouse serves, and so does every bundled entry. */
class CatalogProvidersTest {

    @Test
    void everyMappedProviderIsOneGatehouseServes() {
        LiteLlmProviders.gatehouseIds().forEach(id -> assertTrue(Providers.isKnown(id), id));
    }

    @Test
    void everyBundledEntrysProviderIsOneGatehouseServes() {
        ModelCatalog.bundled().entries().values().forEach(entry ->
                assertTrue(Providers.isKnown(entry.provider()), entry.key()));
    }
}
