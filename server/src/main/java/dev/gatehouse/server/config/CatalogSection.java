package dev.gatehouse.server.config;

import dev.gatehouse.catalog.CatalogException;
import dev.gatehouse.catalog.ModelCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code catalog:}: the override file whose entries replace the bundled catalog's
 * ({@code file:}, written by {@code gatehouse catalog import}; docs/catalog.md). The file is read
 * and checked here, so {@code gatehouse config check} names a malformed entry by its key and field.
 */
final class CatalogSection {

    static final List<String> KEYS = List.of("file");

    private CatalogSection() {}

    /** The catalog to use: the bundled one when the section is absent; null when it is wrong (problems recorded). */
    static ModelCatalog read(Located at, Findings findings) {
        Fields fields = new Fields(findings);
        if (at.isMissing()) {
            return ModelCatalog.bundled();
        }
        if (!fields.isSection(at, KEYS)) {
            return null;
        }
        String file = fields.text(at.get("file"));
        if (file == null) {
            if (at.get("file").isMissing()) {
                findings.problem(at.get("file"), "required: the override file gatehouse catalog import wrote");
            }
            return null;
        }
        try {
            return ModelCatalog.load(Path.of(file));
        } catch (IOException e) {
            findings.problem(at.get("file"), "can not be read: " + e.getMessage());
        } catch (CatalogException e) {
            findings.problem(at.get("file"), e.getMessage());
        }
        return null;
    }
}
