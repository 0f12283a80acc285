package dev.gatehouse.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The embeddings of one request, in the order of its inputs.
 *
 * @param model the model that answered
 * @param data  one embedding per input, {@code index} counting from 0 in input order
 * @param usage the input tokens counted (completion tokens are always 0), or null when the provider
 *              reports none
 */
public record EmbeddingResponse(String model, List<Embedding> data, Usage usage) {

    /** One vector; {@code vector} is not copied, callers must not change it. */
    public record Embedding(int index, float[] vector) {
        public Embedding {
            Objects.requireNonNull(vector, "vector");
        }
    }

    public EmbeddingResponse {
        Objects.requireNonNull(model, "model");
        data = List.copyOf(data);
    }

    public EmbeddingResponse withModel(String name) {
        return new EmbeddingResponse(name, data, usage);
    }

    /**
     * Joins the answers to consecutive parts of one request: indexes continue across parts, usage
     * is summed (unknown if any part's is unknown).
     */
    public static EmbeddingResponse join(List<EmbeddingResponse> parts) {
        List<Embedding> all = new ArrayList<>();
        Usage usage = Usage.of(0, 0);
        for (EmbeddingResponse part : parts) {
            int offset = all.size();
            part.data().stream()
                    .sorted(java.util.Comparator.comparingInt(Embedding::index))
                    .forEach(e -> all.add(new Embedding(offset + e.index(), e.vector())));
            usage = usage == null || part.usage() == null ? null
                    : Usage.of(usage.promptTokens() + part.usage().promptTokens(), 0);
        }
        return new EmbeddingResponse(parts.getFirst().model(), all, usage);
    }
}
