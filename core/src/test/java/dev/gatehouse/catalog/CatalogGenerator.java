package dev.gatehouse.catalog;

import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.PriceTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes the bundled catalog from the pinned copy of LiteLLM's price map in {@code core/src/catalog}
 * (its sha256 checked against the sidecar) and the hand-read price table. build/refresh-catalog runs
 * it; BundledCatalogTest checks the committed resource is what it writes.
 */
public final class CatalogGenerator {

    static final Path PINNED_DIR = Path.of("src/catalog");
    static final Path PINNED = PINNED_DIR.resolve("model_prices_and_context_window.json");
    static final Path SIDECAR = PINNED_DIR.resolve("litellm.json");
    static final Path RESOURCE = Path.of("src/main/resources/dev/gatehouse/catalog/catalog.json");

    private CatalogGenerator() {}

    /** The bundled catalog's bytes, from the pinned copy; fails when the copy is not the one the sidecar names. */
    static byte[] generate(Path moduleDir) throws IOException {
        Path pinned = moduleDir.resolve(PINNED);
        Provenance provenance = Provenance.read(Json.mapper().readTree(moduleDir.resolve(SIDECAR).toFile()));
        String actual = sha256(Files.readAllBytes(pinned));
        if (!actual.equals(provenance.sha256())) {
            throw new IllegalStateException(pinned + " has sha256 " + actual + ", but " + SIDECAR + " records "
                    + provenance.sha256() + ": record the copy's provenance anew (build/refresh-catalog)");
        }
        ModelCatalog catalog = CatalogBuild.fromLiteLlm(CatalogFiles.read(pinned), provenance, PriceTable.bundled());
        String text = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(catalog.toJson()) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Writes the resource; the argument is the core module's directory (default: the working directory). */
    public static void main(String[] args) throws IOException {
        Path moduleDir = Path.of(args.length > 0 ? args[0] : ".");
        Files.write(moduleDir.resolve(RESOURCE), generate(moduleDir));
    }
}
