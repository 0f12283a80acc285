package dev.gatehouse.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.catalog.CatalogBuild;
import dev.gatehouse.catalog.CatalogDiff;
import dev.gatehouse.catalog.CatalogEntry;
import dev.gatehouse.catalog.CatalogException;
import dev.gatehouse.catalog.CatalogFiles;
import dev.gatehouse.catalog.CatalogJson;
import dev.gatehouse.catalog.ModelCatalog;
import dev.gatehouse.catalog.Provenance;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.PriceTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse catalog}: look a model up in the model catalog, and import a catalog file into
 * the override file the server loads ({@code catalog: {file: …}}; docs/catalog.md).
 */
@Command(name = "catalog", description = "Look up and import model prices, context windows and capabilities.",
        mixinStandardHelpOptions = true, versionProvider = BuildInfo.class)
final class CatalogCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing subcommand: try 'gatehouse catalog show openai/gpt-4o' or 'gatehouse catalog import FILE'");
    }

    /** {@code gatehouse catalog show PROVIDER/MODEL}: the entry as JSON, in the pricing: setting's names. */
    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
            description = "Print one model's catalog entry as JSON.",
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:printed", "1:the catalog has no such model, or the override file is wrong",
                "2:usage error"})
    int show(@Parameters(paramLabel = "PROVIDER/MODEL", description = "The provider and its model name, such as"
            + " openai/gpt-4o or azure/my-deployment.") String name,
            @Option(names = "--overrides", paramLabel = "FILE",
                    description = "An override file (catalog.file in gatehouse.yaml) to look in first.") Path overrides) {
        int slash = name.indexOf('/');
        if (slash <= 0 || slash == name.length() - 1) {
            spec.commandLine().getErr().println("gatehouse catalog show: name a provider and its model, such as"
                    + " openai/gpt-4o, not '" + name + "'");
            return USAGE;
        }
        ModelCatalog catalog;
        try {
            catalog = ModelCatalog.load(overrides);
        } catch (IOException | CatalogException e) {
            spec.commandLine().getErr().println("gatehouse catalog show: " + overrides + ": " + e.getMessage());
            return FAILED;
        }
        String provider = name.substring(0, slash);
        String model = name.substring(slash + 1);
        CatalogEntry entry = catalog.find(provider, model).orElse(null);
        if (entry == null) {
            spec.commandLine().getErr().println("gatehouse catalog show: the catalog has no entry for " + name
                    + "; a deployment of it needs pricing: (docs/catalog.md)");
            return FAILED;
        }
        ObjectNode out = Json.object();
        out.put("provider", entry.provider());
        out.put("model", entry.model());
        out.setAll(CatalogJson.write(entry));
        print(out);
        return OK;
    }

    /** {@code gatehouse catalog import FILE}: validate, report the changes, write the override file. */
    @Command(name = "import", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
            description = "Read a catalog in LiteLLM's format (model_prices_and_context_window.json) or Gatehouse's,"
                    + " check every entry, report what it changes, and write the override file the server loads.",
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:written", "1:the file is malformed (nothing is written)", "2:usage error, or no such file"})
    int importFile(@Parameters(paramLabel = "FILE", description = "The file to import.") Path file,
            @Option(names = "--output", paramLabel = "FILE", defaultValue = "catalog-overrides.json",
                    description = "The override file to write (default: ${DEFAULT-VALUE}); its entries that the"
                            + " import no longer has are reported as removed.") Path output) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("gatehouse catalog import: no such file: " + file);
            return USAGE;
        }
        ModelCatalog incoming;
        ModelCatalog previous;
        try {
            incoming = read(file);
            previous = Files.isRegularFile(output) ? ModelCatalog.parse(CatalogFiles.read(output)) : null;
        } catch (IOException e) {
            err.println("gatehouse catalog import: " + e.getMessage());
            return FAILED;
        } catch (CatalogException e) {
            err.println("gatehouse catalog import: " + file + ": " + e.getMessage() + "; nothing was written");
            return FAILED;
        }
        ModelCatalog current = previous == null ? ModelCatalog.bundled() : ModelCatalog.bundled().withOverrides(previous);
        CatalogDiff diff = CatalogDiff.of(current, incoming.entries().values());
        // The override file holds what differs from the bundled catalog: the rest is the bundled entry anyway.
        List<CatalogEntry> overrides = new ArrayList<>();
        for (CatalogEntry entry : incoming.entries().values()) {
            if (CatalogDiff.differs(ModelCatalog.bundled().entries().get(entry.key()), entry)) {
                overrides.add(entry);
            }
        }
        List<String> removed = new ArrayList<>();
        if (previous != null) {
            List<String> kept = overrides.stream().map(CatalogEntry::key).toList();
            previous.entries().keySet().stream().filter(key -> !kept.contains(key)).sorted().forEach(removed::add);
        }
        report(out, diff, removed, incoming);
        try {
            write(output, ModelCatalog.of(overrides, incoming.about()).toJson());
        } catch (IOException e) {
            err.println("gatehouse catalog import: can not write " + output + ": " + e.getMessage());
            return FAILED;
        }
        out.println("wrote " + overrides.size() + " entries to " + output + "; load it with catalog: {file: " + output
                + "} in gatehouse.yaml");
        out.flush();
        return OK;
    }

    private static ModelCatalog read(Path file) throws IOException {
        JsonNode root = CatalogFiles.read(file);
        if (CatalogFiles.isGatehouseFormat(root)) {
            return ModelCatalog.parse(root);
        }
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        Provenance provenance = Provenance.ofFile(file.getFileName().toString(), sha256(Files.readAllBytes(file)), day);
        return CatalogBuild.imported(root, provenance, PriceTable.bundled());
    }

    private static void report(PrintWriter out, CatalogDiff diff, List<String> removed, ModelCatalog incoming) {
        diff.added().forEach(key -> out.println("added: " + key));
        diff.changed().forEach((key, fields) -> fields.forEach(change -> out.println("changed: " + key + " "
                + change.field() + ": " + orNone(change.before()) + " -> " + orNone(change.after()))));
        removed.forEach(key -> out.println("removed from the overrides (the bundled entry applies again): " + key));
        JsonNode crossCheck = incoming.about().path("cross_check");
        if (crossCheck.size() > 0) {
            out.println(crossCheck.size() + " values differ from Gatehouse's hand-read prices, which win (listed"
                    + " under cross_check in the written file)");
        }
        out.println(diff.added().size() + " added, " + diff.changed().size() + " changed, " + removed.size()
                + " removed from the overrides, " + diff.unchanged() + " unchanged");
    }

    private static String orNone(String value) {
        return value == null ? "(none)" : value;
    }

    /** Written beside its final place, then moved there: a reader never sees half a file. */
    private static void write(Path output, ObjectNode root) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(parent, ".catalog-", ".json");
        try {
            Files.writeString(temporary, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
            Files.move(temporary, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void print(JsonNode node) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a catalog entry could not be written as JSON", e);
        }
        out.flush();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
