package dev.gatehouse.server.console.oidc;

import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.console.ConsoleCookie;
import dev.gatehouse.server.console.ConsoleSessions;
import dev.gatehouse.server.console.ConsoleSettings;
import dev.gatehouse.server.console.OidcSettings;
import dev.gatehouse.server.console.SecurityHeaders;
import dev.gatehouse.server.http.Exchange;
import dev.gatehouse.server.http.RequestAccess;
import dev.gatehouse.server.store.StoredText;
import dev.gatehouse.server.telemetry.Telemetry;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The two routes of the authorization code flow. The login sends the browser to the provider
 * with a fresh {@link PendingLogin} in its own cookie; the callback takes that cookie once, checks
 * that the provider's answer belongs to it, redeems the code, verifies the ID token, maps the role
 * and opens the console session.
 *
 * <p>What is audited: {@code console.signed_in} (by the sessions service) and
 * {@code console.sso_refused} once the provider has issued an ID token for someone — a token that
 * fails a check, or a user without a mapped role. Failures anyone could provoke without signing
 * in at the provider (a made-up callback, a stale or foreign state, a refused code) are only
 * logged: they prove nothing about anyone, and an audit entry each would let strangers fill the
 * hash chain.
 */
final class OidcRoutes implements OidcLogin {

    private static final Logger LOG = Logger.getLogger(OidcRoutes.class.getName());
    private static final String REFUSED = "console.sso_refused";
    private static final String ROUTE = "console";
    /** Longer than any provider's codes (Entra ID's run to a couple of thousand characters); nothing longer is sent on. */
    static final int MAX_CODE_LENGTH = 8192;
    /** The width of console_sessions.name (V5__console_sessions.sql). */
    private static final int NAME_LENGTH = 300;

    private final ConsoleSettings console;
    private final OidcSettings oidc;
    private final ConsoleSessions sessions;
    private final AuditLog audit;
    private final Telemetry telemetry;
    private final Clock clock;
    private final URI redirectUri;
    private final List<String> scopes;
    private final Issuer issuer;
    private final TokenEndpoint tokens;
    private final IdTokenVerifier verifier;
    private final RoleMapping roles;

    OidcRoutes(ConsoleSettings console, ConsoleSessions sessions, AuditLog audit, Telemetry telemetry, OidcHttp http,
            Clock clock) {
        this.console = console;
        this.oidc = console.oidc().orElseThrow(() -> new IllegalArgumentException("console.oidc is not configured"));
        URI publicUrl = console.publicUrl().orElseThrow(() -> new IllegalArgumentException(
                "console.public_url is required for single sign-on: the provider sends users back there"));
        this.sessions = sessions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.clock = clock;
        this.redirectUri = URI.create(publicUrl.toString().replaceAll("/+$", "") + CALLBACK_PATH);
        this.scopes = scopes(oidc.scopes());
        String issuerId = oidc.issuer().toString();
        this.issuer = new Issuer(issuerId, http, clock, Issuer.REFETCH_FLOOR);
        this.tokens = new TokenEndpoint(http, oidc.clientId(), oidc.clientSecret());
        this.verifier = new IdTokenVerifier(issuerId, oidc.clientId(), issuer, clock);
        this.roles = new RoleMapping(oidc.roleClaim(), oidc.roles());
    }

    /** The configured scopes, {@code openid} first whether configured or not: without it there is no ID token. */
    static List<String> scopes(List<String> configured) {
        List<String> out = new ArrayList<>(List.of("openid"));
        configured.stream().filter(s -> !s.equals("openid")).distinct().forEach(out::add);
        return out;
    }

    @Override
    public void register(HttpRouting.Builder routing) {
        routing.get(LOGIN_PATH, observed(this::login));
        routing.get(CALLBACK_PATH, observed(this::callback));
    }

    /** One sign-in step, with the console's security headers, observed like every other request. */
    private Handler observed(Step step) {
        return (req, res) -> {
            SecurityHeaders.page(res);
            Exchange exchange = new Exchange(req, res, ROUTE, telemetry);
            exchange.run(() -> step.run(req, res, exchange));
        };
    }

    @FunctionalInterface
    private interface Step {
        void run(ServerRequest req, ServerResponse res, Exchange exchange);
    }

    private void login(ServerRequest req, ServerResponse res, Exchange exchange) {
        ProviderMetadata provider;
        try {
            provider = issuer.metadata();
        } catch (ProviderUnavailable e) {
            LOG.log(Level.WARNING, () -> "OIDC sign-in not started: " + e.getMessage());
            SignInPage.PROVIDER_UNAVAILABLE.send(exchange);
            return;
        }
        PendingLogin login = PendingLogin.start(clock.instant());
        PendingLoginCookie.set(res, login, ConsoleCookie.overTls(console, req));
        redirect(res, exchange, AuthorizationRequest.uri(provider.authorizationEndpoint(), oidc.clientId(), redirectUri,
                scopes, login));
    }

    private void callback(ServerRequest req, ServerResponse res, Exchange exchange) {
        String source = RequestAccess.client(req).getHostAddress();
        Optional<PendingLogin> pending = PendingLoginCookie.read(req);
        PendingLoginCookie.clear(res, ConsoleCookie.overTls(console, req));
        try {
            PendingLogin login = waitingFor(pending, req, source);
            String code = code(req);
            IdToken token = identify(login, code, source);
            String subject = "oidc:" + token.subject();
            Actor actor = new Actor(subject, source);
            AdminRole role = role(token, actor);
            ConsoleSessions.Opened opened = sessions.open(subject, displayName(token), role, null, actor);
            ConsoleCookie.set(res, opened.cookieValue(), console, req);
            redirect(res, exchange, URI.create("/ui"));
        } catch (Stopped stopped) {
            stopped.page.send(exchange);
        }
    }

    /** The sign-in this browser started, if the provider's answer is for it and in time, and not a refusal. */
    private PendingLogin waitingFor(Optional<PendingLogin> pending, ServerRequest req, String source) throws Stopped {
        Optional<String> state = req.query().first("state").asOptional();
        if (pending.isEmpty() || pending.get().expiredAt(clock.instant()) || !pending.get().matches(state.orElse(null))) {
            LOG.log(Level.INFO, () -> "OIDC callback from " + source + " refused: "
                    + (pending.isEmpty() ? "no sign-in of this browser is waiting" : "stale or foreign state"));
            throw new Stopped(SignInPage.START_AGAIN);
        }
        Optional<String> error = req.query().first("error").asOptional();
        if (error.isPresent()) {
            // OAuth's error code only (RFC 6749 section 4.1.2.1), in letters it uses; the description is not kept.
            String code = error.get().replaceAll("[^a-z_]", "");
            LOG.log(Level.INFO, () -> "OIDC sign-in from " + source + " declined by the provider: " + code);
            throw new Stopped(SignInPage.PROVIDER_DECLINED);
        }
        return pending.get();
    }

    private static String code(ServerRequest req) throws Stopped {
        return req.query().first("code").asOptional().filter(c -> !c.isEmpty() && c.length() <= MAX_CODE_LENGTH)
                .orElseThrow(() -> new Stopped(SignInPage.START_AGAIN));
    }

    /** The code redeemed and its ID token verified; a token that fails a check is audited. */
    private IdToken identify(PendingLogin login, String code, String source) throws Stopped {
        try {
            String idToken;
            try {
                idToken = tokens.redeem(issuer.metadata(), code, redirectUri.toString(), login.verifier());
            } catch (TokenRejected e) {
                // Anyone can make up a code: the provider's refusal of one proves nothing about anyone.
                LOG.log(Level.INFO, () -> "OIDC sign-in from " + source + " refused: " + e.reason());
                throw new Stopped(SignInPage.START_AGAIN);
            }
            return verifier.verify(idToken, login.nonce());
        } catch (TokenRejected e) {
            refuse(new Actor("oidc", source), e.reason());
            throw new Stopped(SignInPage.REFUSED);
        } catch (ProviderUnavailable e) {
            LOG.log(Level.WARNING, () -> "OIDC sign-in from " + source + " failed: " + e.getMessage());
            throw new Stopped(SignInPage.PROVIDER_UNAVAILABLE);
        }
    }

    private AdminRole role(IdToken token, Actor actor) throws Stopped {
        Optional<AdminRole> role = roles.role(token.claims());
        if (role.isEmpty()) {
            refuse(actor, "none of the values of the claim " + roles.claim() + " is mapped to a role");
            throw new Stopped(SignInPage.NO_ROLE);
        }
        return role.get();
    }

    private void refuse(Actor actor, String reason) {
        LOG.log(Level.INFO, () -> "OIDC sign-in of " + actor.name() + " from " + actor.source() + " refused: " + reason);
        audit.record(actor.event(REFUSED, "console").with("reason", reason).with("issuer", issuer.id()));
    }

    /**
     * The configured name claim (email by default), else the subject: what the console shows and
     * sessions keep, fitted to the session's column (a provider's claim can be of any length).
     */
    private String displayName(IdToken token) {
        String name = token.claims().path(oidc.nameClaim()).asText("");
        return StoredText.fit(name.isBlank() ? token.subject() : name, NAME_LENGTH);
    }

    private static void redirect(ServerResponse res, Exchange exchange, URI location) {
        res.header(HeaderNames.LOCATION, location.toString());
        exchange.sendBytes(302, "text/plain; charset=utf-8", new byte[0]);
    }

    /** A sign-in that ends here, on this page (what happened is logged or audited where it is thrown). */
    private static final class Stopped extends Exception {
        private static final long serialVersionUID = 1L;
        private final SignInPage page;

        Stopped(SignInPage page) {
            super(page.name(), null, false, false);
            this.page = page;
        }
    }
}
