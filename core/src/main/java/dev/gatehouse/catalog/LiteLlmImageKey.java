package dev.gatehouse.catalog;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LiteLLM's keys for the price of one image of a size (and quality): {@code 1024-x-1024/dall-e-2},
 * {@code hd/1024-x-1792/dall-e-3}, {@code low/1024-x-1024/gpt-image-1}. Gatehouse files these prices
 * under the model's own entry, in its {@code per_image} map as {@code quality/WxH} or {@code WxH}
 * (the names an image request's {@code quality} and {@code size} take).
 *
 * @param quality the quality, or null when the key names none
 * @param width   pixels across
 * @param height  pixels down
 * @param model   the rest of the key: the model, possibly with its provider prefix
 */
record LiteLlmImageKey(String quality, int width, int height, String model) {

    private static final Set<String> QUALITIES = Set.of("low", "medium", "high", "standard", "hd");
    private static final Pattern SIZE = Pattern.compile("(\\d+)-x-(\\d+)");
    private static final Pattern ANY_SIZE = Pattern.compile("(\\d+|max)-x-(\\d+|max)");
    private static final Pattern STEPS = Pattern.compile("(\\d+|max)-steps");

    /** Whether {@code key} is an image-size key of any form, usable or not. */
    static boolean isImageKey(String key) {
        String[] parts = key.split("/");
        int at = parts.length > 1 && QUALITIES.contains(parts[0]) ? 1 : 0;
        return parts.length > at + 1 && ANY_SIZE.matcher(parts[at]).matches();
    }

    /**
     * The size key {@code key} states, or empty when Gatehouse can not use it: a size of
     * {@code max-x-max}, or a price by diffusion steps ({@code 1024-x-1024/50-steps/…}), which an
     * image request does not name.
     */
    static Optional<LiteLlmImageKey> parse(String key) {
        String[] parts = key.split("/", -1);
        int at = QUALITIES.contains(parts[0]) ? 1 : 0;
        if (parts.length < at + 2) {
            return Optional.empty();
        }
        Matcher size = SIZE.matcher(parts[at]);
        if (!size.matches() || STEPS.matcher(parts[at + 1]).matches()) {
            return Optional.empty();
        }
        String model = String.join("/", java.util.Arrays.copyOfRange(parts, at + 1, parts.length));
        return Optional.of(new LiteLlmImageKey(at == 1 ? parts[0] : null, Integer.parseInt(size.group(1)),
                Integer.parseInt(size.group(2)), model));
    }

    /** The {@code per_image} label: {@code quality/WxH} or {@code WxH}. */
    String label() {
        String size = width + "x" + height;
        return quality == null ? size : quality + "/" + size;
    }
}
