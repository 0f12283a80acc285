package dev.gatehouse.server.console;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code console:} section.
 *
 * @param enabled     whether {@code /ui} is served at all
 * @param idleTimeout a session unused this long is over
 * @param maxAge      a session is over this long after sign-in, used or not
 * @param publicUrl   the console's origin as its users reach it ({@code https://gw.example.com}):
 *                    single sign-on's redirect URI is made from it, and {@code https} makes the
 *                    session cookie {@code Secure}
 * @param oidc        single sign-on, when configured
 */
public record ConsoleSettings(boolean enabled, Duration idleTimeout, Duration maxAge, Optional<URI> publicUrl,
        Optional<OidcSettings> oidc) {

    public static final ConsoleSettings DEFAULTS = new ConsoleSettings(true, Duration.ofMinutes(30),
            Duration.ofHours(12), Optional.empty(), Optional.empty());

    public ConsoleSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(oidc, "oidc");
    }

    /** Whether the console's users reach it over TLS (a proxy in front terminating it). */
    public boolean behindTls() {
        return publicUrl.map(url -> "https".equalsIgnoreCase(url.getScheme())).orElse(false);
    }

    public ConsoleSettings withOidc(OidcSettings value) {
        return new ConsoleSettings(enabled, idleTimeout, maxAge, publicUrl, Optional.of(value));
    }

    public ConsoleSettings withPublicUrl(URI value) {
        return new ConsoleSettings(enabled, idleTimeout, maxAge, Optional.of(value), oidc);
    }

    public ConsoleSettings withTimeouts(Duration idle, Duration max) {
        return new ConsoleSettings(enabled, idle, max, publicUrl, oidc);
    }
}
