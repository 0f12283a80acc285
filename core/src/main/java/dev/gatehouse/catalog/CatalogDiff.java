package dev.gatehouse.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a set of entries changes against a catalog, field by field, in Gatehouse's field names.
 * Provenance ({@code source}, {@code source_date}, {@code litellm_key}) is not a change of its own:
 * an entry re-read from the same facts on another day is unchanged.
 *
 * @param added     the entries the catalog does not have, by key
 * @param changed   the entries whose facts differ, each field with its value before and after
 * @param unchanged how many entries state what the catalog already does
 */
public record CatalogDiff(List<String> added, Map<String, List<FieldChange>> changed, int unchanged) {

    private static final Set<String> PROVENANCE = Set.of("source", "source_date", "litellm_key");

    /** One field of one entry: its value before and after (null where absent), as text. */
    public record FieldChange(String field, String before, String after) {}

    public static CatalogDiff of(ModelCatalog current, Collection<CatalogEntry> incoming) {
        List<String> added = new ArrayList<>();
        Map<String, List<FieldChange>> changed = new TreeMap<>();
        int unchanged = 0;
        for (CatalogEntry entry : incoming) {
            CatalogEntry before = current.entries().get(entry.key());
            if (before == null) {
                added.add(entry.key());
                continue;
            }
            List<FieldChange> fields = changes(before, entry);
            if (fields.isEmpty()) {
                unchanged++;
            } else {
                changed.put(entry.key(), fields);
            }
        }
        added.sort(null);
        return new CatalogDiff(List.copyOf(added), Map.copyOf(changed), unchanged);
    }

    /** Whether {@code after} states anything {@code before} does not (provenance aside). */
    public static boolean differs(CatalogEntry before, CatalogEntry after) {
        return before == null || !changes(before, after).isEmpty();
    }

    private static List<FieldChange> changes(CatalogEntry before, CatalogEntry after) {
        Map<String, String> was = flatten(CatalogJson.write(before));
        Map<String, String> is = flatten(CatalogJson.write(after));
        Set<String> fields = new TreeSet<>(was.keySet());
        fields.addAll(is.keySet());
        List<FieldChange> out = new ArrayList<>();
        for (String field : fields) {
            String a = was.get(field);
            String b = is.get(field);
            if (!PROVENANCE.contains(field) && (a == null ? b != null : !a.equals(b))) {
                out.add(new FieldChange(field, a, b));
            }
        }
        return out;
    }

    /** {@code per_image.hd/1024x1792 → 0.12}, {@code capabilities.vision → true}, … */
    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        node.properties().forEach(e -> {
            if (e.getValue().isObject()) {
                flatten(e.getValue()).forEach((k, v) -> out.put(e.getKey() + "." + k, v));
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }
}
