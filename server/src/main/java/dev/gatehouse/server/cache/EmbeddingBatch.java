package dev.gatehouse.server.cache;

import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One embeddings request split into the inputs the cache knew and the rest: what to send
 * upstream ({@link #unknownRequest()}: each unknown input once, in order of first appearance),
 * and the whole answer put back together in the caller's order ({@link #answer}).
 */
public final class EmbeddingBatch {

    /** A known input's vector, and the input tokens it cost when it was made (null when not known). */
    record Known(float[] vector, Integer tokens) {}

    private final EmbeddingRequest request;
    /** For each input of the request, its key, and what the cache had for it (null: nothing). */
    private final List<CacheKey> keys;
    private final List<Known> known;
    /** The unknown inputs, once each: key to its position in {@link #unknownRequest()}. */
    private final Map<CacheKey, Integer> unknown = new LinkedHashMap<>();
    private final List<Integer> unknownFirstAt = new ArrayList<>();

    EmbeddingBatch(EmbeddingRequest request, List<CacheKey> keys, List<Known> known) {
        this.request = request;
        this.keys = List.copyOf(keys);
        this.known = known;
        for (int i = 0; i < keys.size(); i++) {
            if (known.get(i) == null && unknown.putIfAbsent(keys.get(i), unknown.size()) == null) {
                unknownFirstAt.add(i);
            }
        }
    }

    /** How many inputs the request has. */
    public int size() {
        return keys.size();
    }

    /** How many of them the cache knew. */
    public int knownCount() {
        return (int) known.stream().filter(k -> k != null).count();
    }

    /** True when every input was known: nothing goes upstream, and the answer is {@code answer(null)}. */
    public boolean allKnown() {
        return unknown.isEmpty();
    }

    /** How many distinct inputs go upstream. */
    public int unknownCount() {
        return unknown.size();
    }

    /** The request for the unknown inputs (the caller's, with only those), or empty when all were known. */
    public Optional<EmbeddingRequest> unknownRequest() {
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        EmbeddingInput input = switch (request.input()) {
            case EmbeddingInput.Texts texts -> new EmbeddingInput.Texts(
                    unknownFirstAt.stream().map(texts.texts()::get).toList());
            case EmbeddingInput.Tokens tokens -> new EmbeddingInput.Tokens(
                    unknownFirstAt.stream().map(tokens.tokens()::get).toList());
        };
        return Optional.of(request.withInput(input));
    }

    /**
     * The whole answer, one embedding per input of the caller's request at its index: known ones
     * from the cache, the others from {@code upstream}, the answer to {@link #unknownRequest()}
     * (null when {@link #allKnown()}). Its usage is what the whole batch took, the known inputs'
     * tokens as they cost when made, or null when any of that is unknown; the spend row charges
     * {@code upstream}'s usage alone.
     *
     * @param model the model to name (the public model, as the route names it)
     */
    public EmbeddingResponse answer(String model, EmbeddingResponse upstream) {
        if (upstream == null && !allKnown()) {
            throw new IllegalArgumentException(unknownCount() + " input(s) were not cached; their answer is needed");
        }
        List<float[]> fresh = upstream == null ? List.of() : inOrder(upstream, unknownCount());
        List<EmbeddingResponse.Embedding> data = new ArrayList<>(size());
        Integer tokens = 0;
        for (int i = 0; i < size(); i++) {
            Known k = known.get(i);
            if (k != null) {
                data.add(new EmbeddingResponse.Embedding(i, k.vector()));
                tokens = tokens == null || k.tokens() == null ? null : tokens + k.tokens();
            } else {
                data.add(new EmbeddingResponse.Embedding(i, fresh.get(unknown.get(keys.get(i)))));
            }
        }
        if (upstream != null) {
            tokens = tokens == null || upstream.usage() == null ? null : tokens + upstream.usage().promptTokens();
        }
        return new EmbeddingResponse(model, data, tokens == null ? null : Usage.of(tokens, 0));
    }

    /** The key of the {@code i}th unknown input. */
    CacheKey unknownKey(int i) {
        return keys.get(unknownFirstAt.get(i));
    }

    /**
     * The input tokens of {@code usage} shared among the unknown inputs, or null when usage is
     * unknown. Token-id inputs are counted exactly (one token per id, which is what they are);
     * texts by their share of the characters, the remainder to the last, so that the shares add
     * up to what the upstream reported.
     */
    int[] tokensPerUnknown(Usage usage) {
        if (usage == null) {
            return null;
        }
        int n = unknownCount();
        long[] weights = new long[n];
        for (int i = 0; i < n; i++) {
            weights[i] = switch (request.input()) {
                case EmbeddingInput.Texts texts -> texts.texts().get(unknownFirstAt.get(i)).length();
                case EmbeddingInput.Tokens tokens -> tokens.tokens().get(unknownFirstAt.get(i)).size();
            };
        }
        if (request.input() instanceof EmbeddingInput.Tokens) {
            int[] exact = new int[n];
            for (int i = 0; i < n; i++) {
                exact[i] = (int) weights[i];
            }
            return exact;
        }
        long total = 0;
        for (long w : weights) {
            total += w;
        }
        int[] shares = new int[n];
        int given = 0;
        for (int i = 0; i < n - 1; i++) {
            shares[i] = total == 0 ? 0 : (int) (usage.promptTokens() * weights[i] / total);
            given += shares[i];
        }
        shares[n - 1] = Math.max(0, usage.promptTokens() - given);
        return shares;
    }

    /** {@code upstream}'s vectors by index, checked to be one per input sent. */
    static List<float[]> inOrder(EmbeddingResponse upstream, int expected) {
        List<EmbeddingResponse.Embedding> data = upstream.data().stream()
                .sorted(Comparator.comparingInt(EmbeddingResponse.Embedding::index)).toList();
        for (int i = 0; i < data.size(); i++) {
            if (data.get(i).index() != i) {
                throw new GatewayException.UpstreamServerError(
                        "the upstream's embeddings are not indexed 0 to " + (expected - 1), 0, "");
            }
        }
        if (data.size() != expected) {
            throw new GatewayException.UpstreamServerError("the upstream answered " + data.size()
                    + " embeddings for " + expected + " inputs", 0, "");
        }
        return data.stream().map(EmbeddingResponse.Embedding::vector).toList();
    }
}
