package dev.gatehouse.catalog;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.pricing.PriceTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * LiteLLM's entries checked against Gatehouse's hand-read price table ({@code prices.json}, read
 * on the providers' own pages): where the table states a price, a maximum output or a context
 * window, the table's wins, and every difference is listed. A model the table has and LiteLLM's
 * map lacks is added from the table alone. An entry the table prices names the table's page and
 * date as its source; the fields the table does not state (batch, audio, capabilities, …) stay
 * LiteLLM's, and its {@code litellm_key} says so.
 */
public final class CrossCheck {

    /**
     * A field on which the two sources disagree.
     *
     * @param key      the entry, {@code provider/model}
     * @param field    the field, by its name in Gatehouse's format
     * @param handRead the hand-read table's value (which wins)
     * @param liteLlm  LiteLLM's value
     */
    public record Disagreement(String key, String field, String handRead, String liteLlm) {}

    /**
     * The entries with the table's values in, and the disagreements found.
     *
     * @param entries       every entry
     * @param disagreements where the table and LiteLLM differ, by key then field
     * @param addedFromTable how many of the table's models LiteLLM's map lacks
     */
    public record Result(List<CatalogEntry> entries, List<Disagreement> disagreements, int addedFromTable) {}

    private CrossCheck() {}

    /**
     * @param addMissing whether a model of the table that {@code liteLlm} lacks is added from the table (the
     *                   bundled catalog: yes; an import of part of a map: no, the bundled entry stands)
     */
    public static Result apply(List<CatalogEntry> liteLlm, PriceTable table, boolean addMissing) {
        Map<String, CatalogEntry> byKey = new LinkedHashMap<>();
        liteLlm.forEach(entry -> byKey.put(entry.key(), entry));
        List<Disagreement> disagreements = new ArrayList<>();
        int added = 0;
        for (String provider : new TreeSet<>(table.providers())) {
            PriceTable.Source source = table.source(provider).orElseThrow();
            for (String model : new TreeSet<>(table.models(provider))) {
                ModelPrice handRead = table.find(provider, model).orElseThrow();
                Integer window = table.contextWindow(provider, model).orElse(null);
                CatalogEntry theirs = byKey.get(provider + "/" + model);
                if (theirs == null) {
                    if (!addMissing) {
                        continue;
                    }
                    added++;
                    byKey.put(provider + "/" + model, new CatalogEntry(provider, model, null, handRead, window,
                            Capabilities.UNKNOWN, null, source.url(), source.retrieved(), null));
                    continue;
                }
                Compare compare = new Compare(theirs.key(), disagreements);
                ModelPrice ours = theirs.price();
                ModelPrice merged = new ModelPrice(
                        compare.amount("input_per_million", handRead.inputPerMillion(), ours.inputPerMillion()),
                        compare.amount("output_per_million", handRead.outputPerMillion(), ours.outputPerMillion()),
                        compare.amount("cached_input_per_million", handRead.cachedInputPerMillion(),
                                ours.cachedInputPerMillion()),
                        compare.amount("cache_write_per_million", handRead.cacheWritePerMillion(),
                                ours.cacheWritePerMillion()),
                        compare.amount("reasoning_per_million", handRead.reasoningPerMillion(),
                                ours.reasoningPerMillion()),
                        compare.images(handRead.perImage(), ours.perImage()),
                        compare.tokens("max_output_tokens", handRead.maxOutput(), ours.maxOutput()),
                        compare.longContext(handRead.longContext(), ours.longContext()),
                        ours.audioInputPerMillion(), ours.audioOutputPerMillion(), ours.batchInputPerMillion(),
                        ours.batchOutputPerMillion());
                byKey.put(theirs.key(), new CatalogEntry(provider, model, theirs.mode(), merged,
                        compare.tokens("context_window", window, theirs.contextWindow()), theirs.capabilities(),
                        theirs.deprecationDate(), source.url(), source.retrieved(), theirs.liteLlmKey()));
            }
        }
        return new Result(List.copyOf(byKey.values()), List.copyOf(disagreements), added);
    }

    /** Picks the table's value where it has one, noting a different LiteLLM value. */
    private record Compare(String key, List<Disagreement> found) {

        BigDecimal amount(String field, BigDecimal handRead, BigDecimal liteLlm) {
            if (handRead == null) {
                return liteLlm;
            }
            if (liteLlm != null && handRead.compareTo(liteLlm) != 0) {
                found.add(new Disagreement(key, field, LiteLlmFields.plain(handRead).toPlainString(),
                        LiteLlmFields.plain(liteLlm).toPlainString()));
            }
            return handRead;
        }

        Integer tokens(String field, Integer handRead, Integer liteLlm) {
            if (handRead == null) {
                return liteLlm;
            }
            if (liteLlm != null && !handRead.equals(liteLlm)) {
                found.add(new Disagreement(key, field, handRead.toString(), liteLlm.toString()));
            }
            return handRead;
        }

        Map<String, BigDecimal> images(Map<String, BigDecimal> handRead, Map<String, BigDecimal> liteLlm) {
            if (handRead.isEmpty()) {
                return liteLlm;
            }
            for (String label : new TreeSet<>(handRead.keySet())) {
                BigDecimal theirs = liteLlm.get(label);
                if (theirs != null && theirs.compareTo(handRead.get(label)) != 0) {
                    found.add(new Disagreement(key, "per_image." + label, handRead.get(label).toPlainString(),
                            theirs.toPlainString()));
                }
            }
            return handRead;
        }

        ModelPrice.LongContext longContext(ModelPrice.LongContext handRead, ModelPrice.LongContext liteLlm) {
            if (handRead == null) {
                return liteLlm;
            }
            if (liteLlm == null || liteLlm.promptTokensAbove() != handRead.promptTokensAbove()) {
                if (liteLlm != null) {
                    tokens("long_context.prompt_tokens_above", handRead.promptTokensAbove(),
                            liteLlm.promptTokensAbove());
                }
                return handRead;
            }
            return new ModelPrice.LongContext(handRead.promptTokensAbove(),
                    amount("long_context.input_per_million", handRead.inputPerMillion(), liteLlm.inputPerMillion()),
                    amount("long_context.output_per_million", handRead.outputPerMillion(), liteLlm.outputPerMillion()),
                    amount("long_context.cached_input_per_million", handRead.cachedInputPerMillion(),
                            liteLlm.cachedInputPerMillion()));
        }
    }
}
