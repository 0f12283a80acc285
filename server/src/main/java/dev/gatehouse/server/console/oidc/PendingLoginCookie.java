package dev.gatehouse.server.console.oidc;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The cookie that carries a {@link PendingLogin} from {@code /ui/oidc/login} to the callback:
 * {@code HttpOnly} (no script reads the verifier), {@code Path=/ui/oidc} (sent nowhere else),
 * {@code Secure} under the same rule as the session cookie, and {@code SameSite=Lax}, not Strict:
 * the callback is a top-level navigation from the provider's site, on which a Strict cookie is
 * not sent (RFC 6265bis section 5.4.7), while Lax ones are for GET.
 */
final class PendingLoginCookie {

    static final String NAME = "gatehouse_oidc";
    static final String PATH = "/ui/oidc";

    private PendingLoginCookie() {}

    static void set(ServerResponse res, PendingLogin login, boolean secure) {
        res.headers().addCookie(cookie(login.cookieValue(), PendingLogin.LIFETIME, secure));
    }

    /**
     * Ends it: a sign-in's values are used once, whatever its outcome. An expiry in the past, since
     * Helidon leaves {@code Max-Age=0} out of the header, which would keep an empty cookie instead.
     */
    static void clear(ServerResponse res, boolean secure) {
        res.headers().addCookie(SetCookie.builder(NAME, "").path(PATH).httpOnly(true).secure(secure)
                .sameSite(SetCookie.SameSite.LAX).expires(Instant.EPOCH).build());
    }

    static Optional<PendingLogin> read(ServerRequest req) {
        return req.headers().cookies().first(NAME).asOptional().flatMap(PendingLogin::fromCookie);
    }

    private static SetCookie cookie(String value, Duration maxAge, boolean secure) {
        return SetCookie.builder(NAME, value).path(PATH).httpOnly(true).secure(secure)
                .sameSite(SetCookie.SameSite.LAX).maxAge(maxAge).build();
    }
}
