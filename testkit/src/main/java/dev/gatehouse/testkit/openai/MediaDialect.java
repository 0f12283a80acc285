package dev.gatehouse.testkit.openai;

import java.util.Set;

/**
 * How a member of the OpenAI-compatible family serves embeddings and images, as far as
 * {@link FakeOpenAiMedia} checks and answers.
 *
 * @param name            for messages
 * @param pathPrefix      the API root's path
 * @param embeddingFields the embeddings request fields accepted; empty when the upstream has no embeddings
 * @param imageFields     the image generation fields accepted; empty when the upstream has no images
 * @param maxImages       the largest {@code n}
 */
public record MediaDialect(String name, String pathPrefix, Set<String> embeddingFields, Set<String> imageFields,
        int maxImages) {

    private static final Set<String> OPENAI_EMBEDDING = Set.of("model", "input", "dimensions", "encoding_format",
            "user");

    /** platform.openai.com/docs/api-reference/embeddings and /images. */
    public static final MediaDialect OPENAI = new MediaDialect("OpenAI", "/v1", OPENAI_EMBEDDING,
            Set.of("model", "prompt", "n", "size", "quality", "response_format", "output_format", "output_compression",
                    "background", "moderation", "style", "user", "partial_images", "stream"), 10);
    /**
     * docs.x.ai/docs/guides/image-generations: model, prompt, n, response_format, user; the Grok
     * Imagine models also aspect_ratio and resolution.
     */
    public static final MediaDialect XAI = new MediaDialect("xAI", "/v1", Set.of(),
            Set.of("model", "prompt", "n", "response_format", "user", "aspect_ratio", "resolution"), 10);
    /** docs.together.ai/reference/post-images-generations and /reference/embeddings-2. */
    public static final MediaDialect TOGETHER = new MediaDialect("Together AI", "/v1", OPENAI_EMBEDDING,
            Set.of("model", "prompt", "n", "width", "height", "aspect_ratio", "steps", "seed", "response_format",
                    "output_format", "negative_prompt", "guidance_scale", "image_url", "disable_safety_checker"), 4);
    /**
     * Azure OpenAI: OpenAI's fields at Azure's addresses under the resource's root ({@link AzureMediaRules});
     * embeddings also take Azure's {@code input_type}
     * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference, "Embeddings").
     */
    public static final MediaDialect AZURE = new MediaDialect("Azure OpenAI", "", Set.of("model", "input",
            "dimensions", "encoding_format", "user", "input_type"), OPENAI.imageFields(), 10);
    /** Ollama's OpenAI-compatible /v1/embeddings (docs.ollama.com/api/openai-compatibility); no key. */
    public static final MediaDialect OLLAMA = new MediaDialect("Ollama", "/v1", OPENAI_EMBEDDING, Set.of(), 0);
}
