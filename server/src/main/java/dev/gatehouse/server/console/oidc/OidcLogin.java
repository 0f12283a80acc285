package dev.gatehouse.server.console.oidc;

import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.console.ConsoleSessions;
import dev.gatehouse.server.console.ConsoleSettings;
import dev.gatehouse.server.console.SingleSignOn;
import dev.gatehouse.server.telemetry.Telemetry;
import java.net.http.HttpClient;
import java.time.Clock;

/**
 * Single sign-on to the console: {@code GET /ui/oidc/login} sends the browser to the configured
 * issuer, {@code GET /ui/oidc/callback} takes it back, checks who the user is and opens a console
 * session with the role their ID token's claim maps to. Registered by the console's routes only
 * when {@code console.oidc} is configured.
 */
public interface OidcLogin extends SingleSignOn {

    String LOGIN_PATH = "/ui/oidc/login";
    String CALLBACK_PATH = "/ui/oidc/callback";

    /**
     * @param console the console's settings, with {@code oidc} present and {@code public_url} set
     * @throws IllegalArgumentException when they are not
     */
    static OidcLogin of(ConsoleSettings console, ConsoleSessions sessions, AuditLog audit, Telemetry telemetry) {
        return of(console, sessions, audit, telemetry, OidcHttp.defaultClient());
    }

    /** The same, calling the provider with {@code http} (which must not follow redirects). */
    static OidcLogin of(ConsoleSettings console, ConsoleSessions sessions, AuditLog audit, Telemetry telemetry,
            HttpClient http) {
        return new OidcRoutes(console, sessions, audit, telemetry, new OidcHttp(http), Clock.systemUTC());
    }
}
