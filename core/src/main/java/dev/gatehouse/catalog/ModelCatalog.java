package dev.gatehouse.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The catalog: entries by provider and upstream model, found across LiteLLM's key shapes
 * ({@link KeyShapes}). The bundled one ({@code catalog.json} beside this class) is generated from a
 * pinned copy of LiteLLM's price map and the hand-read price table (docs/catalog.md); an override
 * file, in the same format, replaces entries by key. Nothing is fetched at run time.
 */
public final class ModelCatalog {

    private static final String RESOURCE = "catalog.json";
    /**
     * The providers whose bare model names LiteLLM infers from its map, in the order it tries them
     * ({@code get_llm_provider}, step "known models": openai, its text-completion models
     * ({@code gpt-3.5-turbo-instruct}, served by OpenAI's legacy Completions API), anthropic, cohere,
     * openrouter, the Vertex sets, bedrock); a bare name of any other provider is not inferred.
     */
    private static final List<String> BARE_NAME_ORDER = List.of("openai", "openai_text_completion", "anthropic",
            "cohere", "openrouter", "vertex", "vertex_anthropic", "bedrock");
    /**
     * LiteLLM's rule for Claude names its map does not list yet ({@code fallback_generalizations} in
     * the map): a bare {@code claude-<family>-<version>} is Anthropic's.
     */
    private static final Pattern CLAUDE = Pattern.compile("claude-[a-z]+-\\d+(?:[-.]\\d+)?(?:-\\d{8})?",
            Pattern.CASE_INSENSITIVE);

    private static final int MAX_SHAPES_REMEMBERED = 4096;

    private final Map<String, CatalogEntry> byKey;
    /** What {@link #find} found under another shape of a name, by {@code provider/model}; bounded. */
    private final Map<String, Optional<CatalogEntry>> byShape = new ConcurrentHashMap<>();
    private final ObjectNode about;

    private ModelCatalog(Map<String, CatalogEntry> byKey, ObjectNode about) {
        this.byKey = byKey;
        this.about = about;
    }

    /** Read once, when first asked for. */
    private static final class Bundled {
        static final ModelCatalog CATALOG = load();

        private static ModelCatalog load() {
            try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled catalog " + RESOURCE + " is missing");
                }
                return parse(CatalogFiles.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException("can not read the bundled catalog", e);
            }
        }
    }

    /** The catalog bundled with Gatehouse. */
    public static ModelCatalog bundled() {
        return Bundled.CATALOG;
    }

    /** The bundled catalog with the entries of {@code overrideFile} in place of its own (null: none). */
    public static ModelCatalog load(Path overrideFile) throws IOException {
        if (overrideFile == null) {
            return bundled();
        }
        JsonNode root = CatalogFiles.read(overrideFile);
        if (!CatalogFiles.isGatehouseFormat(root)) {
            throw new CatalogException(null, null, overrideFile + " is not a Gatehouse catalog (format "
                    + CatalogFiles.FORMAT + "); gatehouse catalog import writes one from LiteLLM's map");
        }
        return bundled().withOverrides(parse(root));
    }

    /** A catalog in Gatehouse's format ({@link #toJson}). */
    public static ModelCatalog parse(JsonNode root) {
        if (!CatalogFiles.isGatehouseFormat(root)) {
            throw new CatalogException(null, null, "not a Gatehouse catalog: its format is not " + CatalogFiles.FORMAT);
        }
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        JsonNode models = root.path("entries");
        if (!models.isObject()) {
            throw new CatalogException(null, null, "a Gatehouse catalog has its entries in an object, 'entries'");
        }
        models.properties().forEach(e -> entries.put(e.getKey(), CatalogJson.read(e.getKey(), e.getValue())));
        ObjectNode about = root.deepCopy();
        about.remove("entries");
        return new ModelCatalog(Map.copyOf(entries), about);
    }

    /** A catalog of {@code entries}, with {@code about} (format, provenance) as its header. */
    public static ModelCatalog of(Collection<CatalogEntry> entries, ObjectNode about) {
        Map<String, CatalogEntry> byKey = new LinkedHashMap<>();
        for (CatalogEntry entry : entries) {
            byKey.put(entry.key(), entry);
        }
        ObjectNode header = about.deepCopy();
        header.put("format", CatalogFiles.FORMAT);
        return new ModelCatalog(Map.copyOf(byKey), header);
    }

    /** This catalog with {@code overrides}' entries in place of its own, and theirs added. */
    public ModelCatalog withOverrides(ModelCatalog overrides) {
        Map<String, CatalogEntry> merged = new LinkedHashMap<>(byKey);
        merged.putAll(overrides.byKey);
        return new ModelCatalog(Map.copyOf(merged), about);
    }

    /** The file form: the header, then the entries sorted by key so that a regenerated file diffs cleanly. */
    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        root.put("format", CatalogFiles.FORMAT);
        about.properties().forEach(e -> {
            if (!"format".equals(e.getKey())) {
                root.set(e.getKey(), e.getValue());
            }
        });
        ObjectNode entries = root.putObject("entries");
        new TreeMap<>(byKey).forEach((key, entry) -> entries.set(key, CatalogJson.write(entry)));
        return root;
    }

    /** The entry of {@code upstreamModel} at {@code provider}, tried in {@link KeyShapes}' order. */
    public Optional<CatalogEntry> find(String provider, String upstreamModel) {
        if (provider == null || upstreamModel == null) {
            return Optional.empty();
        }
        // Most deployments name their model as the catalog does: found without building the other
        // shapes, on every request's pricing and budget reservation.
        String key = provider + "/" + upstreamModel;
        CatalogEntry exact = byKey.get(key);
        if (exact != null) {
            return Optional.of(exact);
        }
        // The other shapes take regular expressions: what they found (or that they found nothing,
        // for a model the catalog does not list) is remembered for the deployments' few names.
        Optional<CatalogEntry> known = byShape.get(key);
        if (known != null) {
            return known;
        }
        Optional<CatalogEntry> found = Optional.empty();
        for (String name : KeyShapes.candidates(provider, upstreamModel)) {
            CatalogEntry entry = byKey.get(provider + "/" + name);
            if (entry != null) {
                found = Optional.of(entry);
                break;
            }
        }
        if (byShape.size() < MAX_SHAPES_REMEMBERED) {
            byShape.put(key, found);
        }
        return found;
    }

    /** The price of {@code upstreamModel} at {@code provider} (with its maximum output), if the catalog has it. */
    public Optional<ModelPrice> price(String provider, String upstreamModel) {
        return find(provider, upstreamModel).map(CatalogEntry::price);
    }

    /**
     * The Gatehouse provider LiteLLM attributes a bare model name to ({@code gpt-4o} → openai,
     * {@code claude-sonnet-4-5} → anthropic), or empty when it attributes none. As LiteLLM does, a bare
     * Gemini name ({@code gemini-2.5-pro}) is Vertex AI's ({@code vertex}): its map files bare Gemini
     * names under Vertex, and the Gemini API's under {@code gemini/…}.
     */
    public Optional<String> providerOf(String bareModel) {
        if (bareModel == null || bareModel.isBlank() || bareModel.contains("/")) {
            return Optional.empty();
        }
        for (String provider : BARE_NAME_ORDER) {
            for (String name : List.of(bareModel, KeyShapes.snapshotBase(bareModel))) {
                CatalogEntry entry = byKey.get(provider + "/" + name);
                if (entry != null && isBareInLiteLlm(entry)) {
                    return Optional.of(provider);
                }
            }
        }
        return CLAUDE.matcher(bareModel).matches() ? Optional.of("anthropic") : Optional.empty();
    }

    /** LiteLLM knows the model by its bare name (or, for Vertex, the name after {@code vertex_ai/}). */
    private static boolean isBareInLiteLlm(CatalogEntry entry) {
        String key = entry.liteLlmKey();
        return key == null ? !entry.model().contains("/") : !key.contains("/") || key.startsWith("vertex_ai/");
    }

    /** Every entry, by its key ({@code provider/model}). */
    public Map<String, CatalogEntry> entries() {
        return byKey;
    }

    /** The header of the catalog's file: format, what it is, where it comes from. */
    public ObjectNode about() {
        return about.deepCopy();
    }
}
