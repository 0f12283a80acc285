package dev.gatehouse.api;

import java.util.List;
import java.util.Objects;

/**
 * An OpenAI image request: a generation ({@code POST /v1/images/generations}) or, with
 * {@code images}, an edit ({@code POST /v1/images/edits}). Optional fields are null when the
 * caller did not give them; their values are checked by the codec against OpenAI's lists, and
 * each provider maps them or refuses them, naming the field.
 *
 * @param model             the model, by its public name (its upstream name once routed)
 * @param prompt            what to draw, or how to change the images
 * @param n                 how many images
 * @param size              {@code WIDTHxHEIGHT} or {@code auto}
 * @param quality           {@code low}, {@code medium}, {@code high}, {@code auto}, {@code standard}, {@code hd}
 * @param responseFormat    {@code url} or {@code b64_json}
 * @param outputFormat      {@code png}, {@code jpeg} or {@code webp}
 * @param outputCompression 0–100, for jpeg and webp
 * @param background        {@code transparent}, {@code opaque} or {@code auto}
 * @param moderation        {@code low} or {@code auto}
 * @param style             {@code vivid} or {@code natural} (DALL·E 3)
 * @param inputFidelity     {@code high} or {@code low} (edits)
 * @param user              the caller's end-user id
 * @param images            the images to edit; empty for a generation
 * @param mask              the edit mask, or null
 */
public record ImageRequest(String model, String prompt, Integer n, String size, String quality, String responseFormat,
        String outputFormat, Integer outputCompression, String background, String moderation, String style,
        String inputFidelity, String user, List<ImageFile> images, ImageFile mask) {

    public ImageRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** How many images the caller asked for (1 when not said). */
    public int count() {
        return n == null ? 1 : n;
    }

    public boolean isEdit() {
        return !images.isEmpty();
    }

    public ImageRequest withModel(String name) {
        return new ImageRequest(name, prompt, n, size, quality, responseFormat, outputFormat, outputCompression,
                background, moderation, style, inputFidelity, user, images, mask);
    }

    /** A generation with only a model and a prompt. */
    public static ImageRequest generation(String model, String prompt) {
        return new ImageRequest(model, prompt, null, null, null, null, null, null, null, null, null, null, null,
                List.of(), null);
    }
}
