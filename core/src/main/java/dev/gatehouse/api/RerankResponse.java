package dev.gatehouse.api;

import java.util.List;
import java.util.Objects;

/**
 * The documents of a {@link RerankRequest}, most relevant first.
 *
 * @param id          the upstream's id of the answer
 * @param model       the model that answered, as the caller named it
 * @param results     each result: the document's index in the request, its relevance (0–1), and
 *                    its text when the caller asked for it (else null)
 * @param searchUnits the billed search units, when the upstream reports them
 */
public record RerankResponse(String id, String model, List<Result> results, Integer searchUnits) {

    public RerankResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        results = List.copyOf(results);
    }

    /** One ranked document. */
    public record Result(int index, double relevanceScore, String document) {}

    public RerankResponse withModel(String publicModel) {
        return new RerankResponse(id, publicModel, results, searchUnits);
    }
}
