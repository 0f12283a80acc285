package dev.gatehouse.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.PriceTable;
import java.util.TreeMap;

/**
 * A catalog made from a LiteLLM price map: its entries for the providers Gatehouse serves
 * ({@link LiteLlmMap}), cross-checked against the hand-read price table ({@link CrossCheck}), with a
 * header that records the map's provenance, what was left out and every disagreement. The bundled
 * catalog is this, from the pinned copy (docs/catalog.md); {@code gatehouse catalog import} makes
 * its override files the same way.
 */
public final class CatalogBuild {

    private CatalogBuild() {}

    /** The bundled catalog: the map's entries, and the table's models the map lacks. */
    public static ModelCatalog fromLiteLlm(JsonNode map, Provenance provenance, PriceTable table) {
        return build(map, provenance, table, true);
    }

    /** An imported map: its entries only, the table's values winning on them. */
    public static ModelCatalog imported(JsonNode map, Provenance provenance, PriceTable table) {
        return build(map, provenance, table, false);
    }

    private static ModelCatalog build(JsonNode map, Provenance provenance, PriceTable table, boolean complete) {
        LiteLlmMap.Reading reading = LiteLlmMap.read(map, provenance.url(), provenance.date());
        CrossCheck.Result checked = CrossCheck.apply(reading.entries(), table, complete);
        ObjectNode about = Json.object();
        about.put("about", "Gatehouse's model catalog: prices in US dollars (tokens per million, images per image),"
                + " context windows, maximum output, capabilities. Generated from LiteLLM's price map (MIT) at the"
                + " commit below, for the providers Gatehouse serves; where Gatehouse's hand-read price table"
                + " states a value it wins, and the differences are listed under cross_check. docs/catalog.md.");
        about.set("litellm", provenance.toJson());
        about.put("hand_read_prices", table.retrieved());
        ObjectNode leftOut = about.putObject("left_out");
        new TreeMap<>(reading.leftOut()).forEach(leftOut::put);
        about.put("added_from_hand_read_prices", checked.addedFromTable());
        ArrayNode disagreements = about.putArray("cross_check");
        for (CrossCheck.Disagreement d : checked.disagreements()) {
            ObjectNode row = disagreements.addObject();
            row.put("entry", d.key());
            row.put("field", d.field());
            row.put("hand_read", d.handRead());
            row.put("litellm", d.liteLlm());
        }
        return ModelCatalog.of(checked.entries(), about);
    }
}
