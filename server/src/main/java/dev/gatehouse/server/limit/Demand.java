package dev.gatehouse.server.limit;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.provider.TokenEstimator;

/**
 * What a request may use at most, known before it is sent: input tokens (estimated), output
 * tokens (its own limit, else null for the limiter's default), and for image routes the
 * images. The limiter turns it into tokens for the per-minute windows and a worst-case cost
 * for the budget.
 *
 * @param model        the public model name
 * @param inputTokens  estimated input tokens
 * @param outputTokens the most output tokens the request allows, null when it sets no limit
 * @param choices      answers asked for ({@code n}); output counts once per answer
 * @param images       images asked for, 0 on token routes
 * @param imageQuality image quality, or null
 * @param imageSize    image size, or null
 */
public record Demand(String model, long inputTokens, Integer outputTokens, int choices, int images,
        String imageQuality, String imageSize) {

    public static Demand chat(ChatRequest request, TokenEstimator tokens) {
        return new Demand(request.model(), tokens.estimate(request), request.outputTokenLimit(),
                request.n() == null ? 1 : Math.max(1, request.n()), 0, null, null);
    }

    /** A request sent as written (Anthropic's native path): input by its size, output by its max_tokens. */
    public static Demand raw(String model, long bodyCharacters, Integer maxTokens, TokenEstimator tokens) {
        return new Demand(model, tokens.ofText(bodyCharacters), maxTokens, 1, 0, null, null);
    }

    public static Demand embedding(EmbeddingRequest request, TokenEstimator tokens) {
        long input = switch (request.input()) {
            case EmbeddingInput.Texts texts -> texts.texts().stream().mapToLong(t -> tokens.ofText(t.length())).sum();
            case EmbeddingInput.Tokens ids -> ids.tokens().stream().mapToLong(java.util.List::size).sum();
        };
        return new Demand(request.model(), input, 0, 1, 0, null, null);
    }

    public static Demand images(ImageRequest request, TokenEstimator tokens) {
        String prompt = request.prompt() == null ? "" : request.prompt();
        return new Demand(request.model(), tokens.ofText(prompt.length()), 0, 1,
                request.n() == null ? 1 : Math.max(1, request.n()), request.quality(), request.size());
    }

    public static Demand rerank(RerankRequest request, TokenEstimator tokens) {
        long chars = request.query().length() + request.documents().stream().mapToLong(String::length).sum();
        return new Demand(request.model(), tokens.ofText(chars), 0, 1, 0, null, null);
    }
}
