package dev.gatehouse.provider.openai;

/**
 * How a member of the compatible family takes OpenAI's images API. Each departs from OpenAI in
 * its own documented way; {@link OpenAiImageMapper} holds the mapping of each.
 */
enum ImageDialect {
    /**
     * OpenAI itself: GPT Image (base64 output only) and DALL·E
     * (platform.openai.com/docs/api-reference/images).
     */
    OPENAI,
    /**
     * xAI's Grok image models: model, prompt, n, response_format and user; size, quality and style
     * are not supported (docs.x.ai/docs/guides/image-generations).
     */
    XAI,
    /**
     * Together AI's FLUX endpoint: width and height instead of size (aspect_ratio for Kontext and
     * Schnell), {@code response_format} "base64" or "url", at most 4 images
     * (docs.together.ai/reference/post-images-generations).
     */
    TOGETHER,
    /**
     * Azure OpenAI's GPT Image and DALL·E 3 deployments: OpenAI's format, with Azure's documented
     * differences ({@link AzureImageRules}).
     */
    AZURE
}
