package dev.gatehouse.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The bundled catalog is what the generator makes from the pinned copy of LiteLLM's map: a changed
 * copy, price table or reader shows here until the resource is regenerated (build/refresh-catalog,
 * which runs this test with GATEHOUSE_CATALOG_WRITE=1 to write it).
 */
class BundledCatalogTest {

    @Test
    void theCommittedCatalogIsWhatThePinnedCopyGenerates() throws IOException {
        byte[] generated = CatalogGenerator.generate(Path.of("."));
        Path resource = CatalogGenerator.RESOURCE;
        if ("1".equals(System.getenv("GATEHOUSE_CATALOG_WRITE"))) {
            Files.write(resource, generated);
        }
        assertTrue(Files.exists(resource), "the bundled catalog is missing: run build/refresh-catalog");
        assertEquals(new String(generated, StandardCharsets.UTF_8), Files.readString(resource),
                "the bundled catalog differs from what the pinned copy generates: run build/refresh-catalog");
    }

    @Test
    void everyBundledEntryHasAPriceAndASourceWithItsDate() {
        ModelCatalog catalog = ModelCatalog.bundled();
        assertTrue(catalog.entries().size() > 1000, "the catalog has " + catalog.entries().size() + " entries");
        catalog.entries().values().forEach(entry -> {
            assertTrue(entry.price().hasAnyPrice(), entry.key());
            assertTrue(entry.source().startsWith("https://"), entry.key() + ": " + entry.source());
            assertTrue(entry.sourceDate().matches("\\d{4}-\\d{2}-\\d{2}"), entry.key());
        });
    }
}
