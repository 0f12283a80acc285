package dev.gatehouse.api;

import java.util.List;
import java.util.Objects;

/**
 * The images of one request, with what was asked and what it cost in units a price list can
 * use later ({@link ImageUsage}).
 *
 * @param created      seconds since the epoch
 * @param data         the images, in order
 * @param background   the background the provider reports, or null
 * @param outputFormat the file format of the images, or null
 * @param quality      the quality the provider reports, or null
 * @param size         the size the provider reports, or null
 * @param usage        what the request used
 */
public record ImageResponse(long created, List<Image> data, String background, String outputFormat, String quality,
        String size, ImageUsage usage) {

    /** One image: base64 data or a URL, and the prompt the provider actually used when it rewrote it. */
    public record Image(String b64Json, String url, String revisedPrompt) {}

    /**
     * What one image request used: always the number of images with the size and quality asked
     * (or reported), and tokens where the provider counts them (GPT Image). Null fields are unknown.
     */
    public record ImageUsage(int images, String size, String quality, Integer inputTokens, Integer outputTokens,
            Integer totalTokens) {}

    public ImageResponse {
        data = List.copyOf(data);
        Objects.requireNonNull(usage, "usage");
    }
}
