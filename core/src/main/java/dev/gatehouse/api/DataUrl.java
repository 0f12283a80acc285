package dev.gatehouse.api;

import java.util.Optional;

/** A {@code data:<media type>;base64,<data>} URL, split into its media type and base64 payload. */
public record DataUrl(String mediaType, String base64Data) {

    private static final String PREFIX = "data:";
    private static final String BASE64_MARKER = ";base64,";

    /** Parses a base64 data URL; anything else (an http URL, a non-base64 data URL) is empty. */
    public static Optional<DataUrl> parse(String url) {
        if (url == null || !url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        int marker = url.indexOf(BASE64_MARKER);
        if (marker < 0) {
            return Optional.empty();
        }
        String mediaType = url.substring(PREFIX.length(), marker);
        return Optional.of(new DataUrl(mediaType.isEmpty() ? "text/plain" : mediaType,
                url.substring(marker + BASE64_MARKER.length())));
    }

    /** The URL form: {@code data:<media type>;base64,<data>}. */
    public String toUrl() {
        return PREFIX + mediaType + BASE64_MARKER + base64Data;
    }
}
