package dev.gatehouse.api;

import java.util.Objects;

/**
 * An OpenAI embeddings request ({@code POST /v1/embeddings}).
 *
 * @param model          the model, by its public name (by its upstream name once routed)
 * @param input          what to embed
 * @param dimensions     the length of each vector the caller wants, or null for the model's own
 * @param encodingFormat how the caller wants vectors written; providers always deliver numbers and
 *                       the front door encodes them
 * @param user           the caller's end-user id, or null
 */
public record EmbeddingRequest(String model, EmbeddingInput input, Integer dimensions, EncodingFormat encodingFormat,
        String user) {

    /** OpenAI's two ways of writing a vector. */
    public enum EncodingFormat {
        FLOAT("float"), BASE64("base64");

        private final String wireName;

        EncodingFormat(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public EmbeddingRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(input, "input");
        encodingFormat = encodingFormat == null ? EncodingFormat.FLOAT : encodingFormat;
    }

    public EmbeddingRequest withModel(String name) {
        return new EmbeddingRequest(name, input, dimensions, encodingFormat, user);
    }

    /** The request without the caller's end-user id. */
    public EmbeddingRequest withoutUser() {
        return new EmbeddingRequest(model, input, dimensions, encodingFormat, null);
    }

    public EmbeddingRequest withInput(EmbeddingInput part) {
        return new EmbeddingRequest(model, part, dimensions, encodingFormat, user);
    }
}
