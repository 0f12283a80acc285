package dev.gatehouse.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading catalog files: JSON with decimals kept exact (LiteLLM writes {@code 2.5e-06}, which a
 * double would turn into 2.4999…), and telling Gatehouse's own format from LiteLLM's.
 */
public final class CatalogFiles {

    /** The value of a Gatehouse catalog file's {@code format} field. */
    public static final String FORMAT = "gatehouse-catalog/1";

    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private CatalogFiles() {}

    public static JsonNode read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static JsonNode read(InputStream in) throws IOException {
        return READER.readTree(in);
    }

    /** Whether {@code root} is in Gatehouse's format; anything else is read as LiteLLM's price map. */
    public static boolean isGatehouseFormat(JsonNode root) {
        return root != null && FORMAT.equals(root.path("format").asText(null));
    }
}
