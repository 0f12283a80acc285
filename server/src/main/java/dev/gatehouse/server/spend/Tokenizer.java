package dev.gatehouse.server.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.provider.TokenEstimator;
import java.util.List;

/**
 * Token counts where a provider reports none: an OpenAI-compatible server that sends no usage,
 * a stream the caller left before its usage came, an estimate of a prompt before it is sent.
 *
 * <p>Counts with {@code o200k_base}, the encoding of OpenAI's current models (GPT-4o, GPT-4.1,
 * GPT-5, the o-series): exact for their text, an estimate for every other model's tokenizer
 * (typically within tens of percent). Message framing, tool definitions and images are added as
 * {@link TokenEstimator} does. Every figure from here is recorded as estimated.
 *
 * <p>{@link #ESTIMATOR} is the server's one estimate of a request's input tokens before it is
 * sent: the gateway's routing (a deployment's tokens per minute) and count of tokens, the
 * limits of keys and teams, and the spend log all count with it (docs/limits.md).
 *
 * <p>The encoding's ranks (3.6 MB, inside JTokkit's jar) are loaded on first use, once.
 */
public final class Tokenizer {

    /** Core's {@link TokenEstimator} counting text with {@code o200k_base}; framing and images as core adds them. */
    public static final TokenEstimator ESTIMATOR = TokenEstimator.counting(Tokenizer::count);
    /** Blocks of a body sent as written that carry an image or a document, not text (Anthropic's, then OpenAI's). */
    private static final java.util.Set<String> BLOBS = java.util.Set.of("image", "document", "input_image",
            "input_file");

    private Tokenizer() {}

    /** The tokens of {@code text}; special-token markers in it count as the text they are. */
    public static int count(CharSequence text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return Holder.ENCODING.countTokensOrdinary(text.toString());
    }

    /** The input tokens of a chat request: its messages, tool calls and tools, with their framing. */
    public static int prompt(ChatRequest request) {
        return ESTIMATOR.estimate(request);
    }

    /** The input tokens of an embeddings request (text inputs; token-array inputs count as they are). */
    public static int inputs(EmbeddingRequest request) {
        long tokens = 0;
        switch (request.input()) {
            case EmbeddingInput.Texts texts -> {
                for (String text : texts.texts()) {
                    tokens += count(text);
                }
            }
            case EmbeddingInput.Tokens ids -> {
                for (List<Integer> one : ids.tokens()) {
                    tokens += one.size();
                }
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    /**
     * The input tokens of an Anthropic Messages body sent upstream as written: the text of its
     * {@code system}, {@code messages} and {@code tools}, each image or document block counted as
     * {@link TokenEstimator#PER_IMAGE} (its base64 data is not text the model reads as tokens).
     */
    public static int messagesBody(JsonNode body) {
        long tokens = 0;
        for (String field : List.of("system", "messages", "tools")) {
            tokens += textTokens(body.get(field));
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    /**
     * The input tokens of an OpenAI Responses body sent upstream as written: the text of its
     * {@code instructions}, {@code input} and {@code tools}, each image or file counted as
     * {@link TokenEstimator#PER_IMAGE}.
     */
    public static int responsesBody(JsonNode body) {
        long tokens = 0;
        for (String field : List.of("instructions", "input", "tools")) {
            tokens += textTokens(body.get(field));
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    private static long textTokens(JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (node.isTextual()) {
            return count(node.asText());
        }
        if (node.isObject() && BLOBS.contains(node.path("type").asText(""))) {
            return TokenEstimator.PER_IMAGE;
        }
        long tokens = 0;
        for (JsonNode child : node) {
            tokens += textTokens(child);
        }
        return tokens;
    }

    /** Loaded on first use, not when the class is. */
    private static final class Holder {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }
}
