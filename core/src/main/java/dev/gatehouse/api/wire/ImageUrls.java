package dev.gatehouse.api.wire;

import dev.gatehouse.api.GatewayException;
import java.util.Locale;

/**
 * Which image URLs a request may carry: {@code https:} (fetched by the provider, or by Gatehouse
 * for a deployment that needs images inline) and {@code data:} (inline). Anything else —
 * {@code http:}, {@code file:}, {@code ftp:}, {@code gopher:}, a scheme-less path — would make
 * whoever fetches it (a self-hosted upstream inside the private network) reach where the caller
 * chooses, so it is refused before any upstream sees it. Public for the Anthropic front door and
 * the gateway, which apply the same rule.
 */
public final class ImageUrls {

    private ImageUrls() {}

    /** Throws a 400 naming {@code path} unless {@code url} is an https: or data: URL. */
    public static void requireAllowedScheme(String url, String path) {
        if (!isAllowed(url)) {
            throw new GatewayException.BadRequest("Invalid value for '" + path + "': image URLs must be https: or "
                    + "data: URLs; got " + describeScheme(url) + ".", path);
        }
    }

    /** Whether {@code url} is an https: or data: URL. */
    public static boolean isAllowed(String url) {
        return url != null && (url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "data:", 0, 5));
    }

    /** Whether {@code url} is a remote (https:) URL rather than inline data. */
    public static boolean isRemote(String url) {
        return url != null && url.regionMatches(true, 0, "https://", 0, 8);
    }

    private static String describeScheme(String url) {
        int colon = url == null ? -1 : url.indexOf(':');
        if (colon <= 0 || colon > 16) {
            return "a URL without a scheme";
        }
        // Only the scheme is echoed: the rest of the URL may be long or carry credentials.
        return "a " + url.substring(0, colon).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9+.-]", "?") + ": URL";
    }
}
