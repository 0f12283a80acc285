package dev.gatehouse.server.console;

import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;

/**
 * The session cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other
 * site's page sends it), {@code Secure} when the console is reached over TLS, for the path every
 * console and admin call is under.
 */
public final class ConsoleCookie {

    public static final String NAME = "gatehouse_console";

    private ConsoleCookie() {}

    /** The cookie's value in the request; empty when it has none. */
    public static String read(ServerRequest req) {
        try {
            return req.headers().cookies().first(NAME).orElse("");
        } catch (RuntimeException malformed) {
            return "";
        }
    }

    /** Sets the cookie that opens {@code opened}'s session. */
    public static void set(ServerResponse res, String value, ConsoleSettings settings, ServerRequest req) {
        res.headers().addCookie(cookie(value, settings, req).maxAge(settings.maxAge()).build());
    }

    /** Tells the browser to forget the cookie. */
    public static void clear(ServerResponse res, ConsoleSettings settings, ServerRequest req) {
        // An expiry in the past: Helidon writes no Max-Age of zero.
        res.headers().addCookie(cookie("", settings, req).expires(Instant.EPOCH).build());
    }

    private static SetCookie.Builder cookie(String value, ConsoleSettings settings, ServerRequest req) {
        return SetCookie.builder(NAME, value).path("/").httpOnly(true).sameSite(SetCookie.SameSite.STRICT)
                .secure(overTls(settings, req));
    }

    /**
     * Whether the browser reached the console over TLS: Gatehouse itself speaks plain HTTP, so TLS
     * is a proxy's in front of it, which {@code public_url} or the proxy's
     * {@code X-Forwarded-Proto} tells. (A forged header can only add {@code Secure}, never remove it.)
     */
    public static boolean overTls(ConsoleSettings settings, ServerRequest req) {
        return settings.behindTls() || req.headers().first(HeaderNames.X_FORWARDED_PROTO)
                .map(proto -> proto.strip().equalsIgnoreCase("https")).orElse(false);
    }
}
