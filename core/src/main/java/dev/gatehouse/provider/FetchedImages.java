package dev.gatehouse.provider;

import dev.gatehouse.api.DataUrl;
import java.util.HashMap;
import java.util.Map;

/**
 * The images one request has fetched so far, by URL: routing may try several deployments (and
 * fallbacks) for one request, and each that needs images inline gets the bytes fetched for the
 * first, not a fetch of its own. One per request; its attempts run one after another, but the
 * methods are synchronized so that nothing depends on that.
 */
public final class FetchedImages {

    private final Map<String, DataUrl> byUrl = new HashMap<>();

    synchronized DataUrl get(String url) {
        return byUrl.get(url);
    }

    synchronized void put(String url, DataUrl image) {
        byUrl.put(url, image);
    }

    /** How many distinct URLs were fetched (for tests and metrics). */
    public synchronized int count() {
        return byUrl.size();
    }

    /** The decoded size of an inline image: what it took in memory as bytes. */
    static long decodedBytes(DataUrl image) {
        String data = image.base64Data();
        int padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
        return (long) data.length() / 4 * 3 - padding;
    }
}
