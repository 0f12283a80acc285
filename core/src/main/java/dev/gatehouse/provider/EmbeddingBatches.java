package dev.gatehouse.provider;

import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Splits an embeddings request whose inputs exceed what one upstream call may carry into
 * consecutive calls, one after another, and joins the answers: order kept, indexes counted
 * across the parts, usage summed. Each part's answer must hold exactly one vector per input.
 */
public final class EmbeddingBatches {

    private EmbeddingBatches() {}

    public static EmbeddingResponse run(EmbeddingRequest request, int maxPerCall, String provider,
            Function<EmbeddingRequest, EmbeddingResponse> call) {
        int size = request.input().size();
        List<EmbeddingResponse> parts = new ArrayList<>((size + maxPerCall - 1) / maxPerCall);
        for (int from = 0; from < size; from += maxPerCall) {
            int to = Math.min(size, from + maxPerCall);
            EmbeddingResponse part = call.apply(request.withInput(request.input().slice(from, to)));
            if (part.data().size() != to - from) {
                throw new GatewayException.UpstreamServerError(provider + " returned " + part.data().size()
                        + " embeddings for " + (to - from) + " inputs", 0, null);
            }
            parts.add(part);
        }
        return EmbeddingResponse.join(parts);
    }

    /** A positive batch limit from a deployment option, or the provider's documented default. */
    public static int limit(Deployment deployment, int providerDefault) {
        String value = deployment.options().get("max_embedding_batch");
        if (value == null) {
            return providerDefault;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new GatewayException.BadRequest("The deployment of '" + deployment.model()
                + "' has an invalid option max_embedding_batch: '" + value + "' (expected a positive integer).", null);
    }
}
