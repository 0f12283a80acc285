package dev.gatehouse.provider;

import dev.gatehouse.api.GatewayException;
import java.util.List;

/**
 * OpenAI's {@code size} ({@code WIDTHxHEIGHT}) for upstreams that take the output size another
 * way: as separate width and height, or as an aspect ratio from a fixed list.
 */
public final class ImageSizes {

    /** A size in pixels. */
    public record Size(int width, int height) {}

    private ImageSizes() {}

    /** The size, or null for {@code auto} or no size. */
    public static Size parse(String size) {
        if (size == null || size.equals("auto")) {
            return null;
        }
        int x = size.indexOf('x');
        try {
            return new Size(Integer.parseInt(size.substring(0, x)), Integer.parseInt(size.substring(x + 1)));
        } catch (RuntimeException e) {
            throw new GatewayException.BadRequest("Invalid value for 'size': '" + size + "'; expected WIDTHxHEIGHT.",
                    "size");
        }
    }

    /**
     * The size as a ratio in lowest terms ({@code 1536x1024} → {@code 3:2}) when it is one of
     * {@code allowed}; otherwise a 400 naming {@code size} and the ratios the provider takes.
     */
    public static String aspectRatio(Size size, List<String> allowed, String provider) {
        int gcd = gcd(size.width(), size.height());
        String ratio = size.width() / gcd + ":" + size.height() / gcd;
        if (!allowed.contains(ratio)) {
            throw new GatewayException.BadRequest("Invalid value for 'size': " + size.width() + "x" + size.height()
                    + " has the aspect ratio " + ratio + ", which " + provider + " does not offer; it offers "
                    + String.join(", ", allowed) + ".", "size");
        }
        return ratio;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
