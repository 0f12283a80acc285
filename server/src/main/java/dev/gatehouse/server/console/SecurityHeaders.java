package dev.gatehouse.server.console;

import io.helidon.webserver.http.ServerResponse;

/**
 * The headers that keep the console's pages to themselves: a Content-Security-Policy that runs
 * only the console's own script and style files (no inline script or style, no {@code eval}),
 * connects only to its own origin and can not be framed; no MIME sniffing; no referrer.
 */
public final class SecurityHeaders {

    /** MDN, "Content-Security-Policy": each directive as narrow as the console allows. */
    public static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    /** The page and the console's API: never kept by a cache (some answers hold a CSRF token). */
    public static void page(ServerResponse res) {
        common(res);
        res.header("cache-control", "no-store");
    }

    /** The console's files: revalidated before each use, so an upgrade is seen at once. */
    static void asset(ServerResponse res) {
        common(res);
        res.header("cache-control", "no-cache");
    }

    private static void common(ServerResponse res) {
        res.header("content-security-policy", POLICY);
        res.header("x-content-type-options", "nosniff");
        res.header("referrer-policy", "no-referrer");
        res.header("x-frame-options", "DENY");
        res.header("cross-origin-opener-policy", "same-origin");
        res.header("cross-origin-resource-policy", "same-origin");
        res.header("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    }
}
