package dev.gatehouse.server.console;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The check against cross-site request forgery for console sessions (OWASP's "synchronizer
 * token" pattern): each session has a random token, which its pages hold in memory and send back
 * in a header on every call that changes state. Another site can make a browser send the cookie
 * (were it not {@code SameSite=Strict}), but can neither read the token nor set the header
 * without the browser's CORS check, which Gatehouse never passes.
 */
public final class Csrf {

    public static final HeaderName HEADER = HeaderNames.create("x-gatehouse-csrf");

    private Csrf() {}

    /** Whether the request carries {@code session}'s token, compared in constant time. */
    public static boolean matches(ServerRequest req, ConsoleSession session) {
        String sent = req.headers().first(HEADER).orElse("");
        return MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }
}
