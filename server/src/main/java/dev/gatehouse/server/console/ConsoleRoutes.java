package dev.gatehouse.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminKey;
import dev.gatehouse.server.auth.AdminKeys;
import dev.gatehouse.server.http.Exchange;
import dev.gatehouse.server.http.NoRoute;
import dev.gatehouse.server.http.RequestAccess;
import dev.gatehouse.server.http.RequestBody;
import dev.gatehouse.server.telemetry.Telemetry;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * The console's routes under {@code /ui}: the page, its files, and signing in and out. Served
 * wherever the admin API is. Every answer carries the console's security headers
 * ({@link SecurityHeaders}); the API's answers are in OpenAI's error format like the admin API's.
 */
public final class ConsoleRoutes {

    private static final String ROUTE = "console";

    private final ConsoleSessions sessions;
    private final AdminKeys adminKeys;
    private final Telemetry telemetry;
    private final Optional<SingleSignOn> sso;
    private final ConsoleAssets assets = new ConsoleAssets();
    private final RequestBody bodies = new RequestBody(16 * 1024);

    public ConsoleRoutes(ConsoleSessions sessions, AdminKeys adminKeys, Telemetry telemetry, Optional<SingleSignOn> sso) {
        this.sessions = sessions;
        this.adminKeys = adminKeys;
        this.telemetry = telemetry;
        this.sso = sso;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/ui", (req, res) -> page(req, res));
        routing.get("/ui/", (req, res) -> page(req, res));
        routing.get("/ui/assets/*", this::asset);
        routing.get("/ui/api/config", (req, res) -> api(req, res, exchange -> exchange.sendJson(200,
                Json.object().put("oidc", sso.isPresent()))));
        routing.post("/ui/api/session", (req, res) -> api(req, res, exchange -> signIn(req, res, exchange)));
        routing.get("/ui/api/session", (req, res) -> api(req, res, exchange -> current(req, exchange)));
        routing.delete("/ui/api/session", (req, res) -> api(req, res, exchange -> signOut(req, res, exchange)));
        sso.ifPresent(s -> s.register(routing));
        routing.any("/ui/*", (req, res) -> api(req, res, exchange -> {
            throw new NoRoute(404, "Unknown console URL: " + req.prologue().method().text() + " " + req.path().path()
                    + ". The console is at /ui.");
        }));
    }

    private void page(ServerRequest req, ServerResponse res) {
        SecurityHeaders.page(res);
        Exchange exchange = new Exchange(req, res, ROUTE, telemetry);
        exchange.run(() -> {
            ConsoleAssets.Asset index = assets.find("index.html").orElseThrow();
            exchange.sendBytes(200, index.contentType(), index.bytes());
        });
    }

    private void asset(ServerRequest req, ServerResponse res) {
        SecurityHeaders.asset(res);
        Exchange exchange = new Exchange(req, res, ROUTE, telemetry);
        exchange.run(() -> {
            String name = req.path().path().substring("/ui/assets/".length());
            ConsoleAssets.Asset asset = assets.find(name).orElseThrow(() -> new NoRoute(404,
                    "The console has no file " + name + "."));
            exchange.sendBytes(200, asset.contentType(), asset.bytes());
        });
    }

    private void api(ServerRequest req, ServerResponse res, Handler work) {
        SecurityHeaders.page(res);
        Exchange exchange = new Exchange(req, res, ROUTE, telemetry);
        exchange.run(() -> work.run(exchange));
    }

    /** An admin key for a session: the same refusal for every kind of bad key, audited like the admin API's. */
    private void signIn(ServerRequest req, ServerResponse res, Exchange exchange) {
        JsonNode body = bodies.readJson(req);
        JsonNode given = body.path("admin_key");
        if (!body.isObject() || !given.isTextual()) {
            throw new GatewayException.BadRequest("The body must be {\"admin_key\": \"gtw_ak_...\"}.", "admin_key");
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("admin_key")) {
                throw new GatewayException.BadRequest("Unknown field '" + name + "': the body is {\"admin_key\": ...}"
                        + " only.", name);
            }
        }
        String source = RequestAccess.client(req).getHostAddress();
        AdminKey key = adminKeys.authenticate(Optional.of(given.textValue()), source)
                .orElseThrow(SignInRefused::new);
        String subject = "admin:" + key.id();
        ConsoleSessions.Opened opened = sessions.open(subject, key.name(), key.role(), key.id(),
                new Actor(subject, source));
        ConsoleCookie.set(res, opened.cookieValue(), sessions.settings(), req);
        exchange.sendJson(200, describe(opened.session()));
    }

    /**
     * The cookie's session, or {@code {"signed_in": false}}: a 200 either way, since not being
     * signed in is what the page asks about first, and a browser logs every 401 as an error.
     */
    private void current(ServerRequest req, Exchange exchange) {
        exchange.sendJson(200, sessions.find(ConsoleCookie.read(req)).map(ConsoleRoutes::describe)
                .orElseGet(() -> Json.object().put("signed_in", false)));
    }

    private void signOut(ServerRequest req, ServerResponse res, Exchange exchange) {
        String cookie = ConsoleCookie.read(req);
        ConsoleSession session = sessions.find(cookie).orElseThrow(NotSignedIn::new);
        if (!Csrf.matches(req, session)) {
            throw new CsrfMissing();
        }
        sessions.close(cookie, new Actor(session.subject(), RequestAccess.client(req).getHostAddress()));
        ConsoleCookie.clear(res, sessions.settings(), req);
        exchange.sendJson(200, Json.object().put("signed_out", true));
    }

    private static ObjectNode describe(ConsoleSession session) {
        return Json.object().put("signed_in", true).put("name", session.name()).put("role", session.role().wireName())
                .put("subject", session.subject()).put("csrf_token", session.csrfToken())
                .put("expires_at", Instant.ofEpochMilli(session.expiresAt()).toString());
    }

    /** What one console API route does with its exchange. */
    @FunctionalInterface
    private interface Handler {
        void run(Exchange exchange);
    }

    /** A bad admin key on the sign-in form. */
    static final class SignInRefused extends GatewayException.PolicyViolation {
        SignInRefused() {
            super("That is not an active admin key. Admin keys start with gtw_ak_.", null);
        }

        @Override public int status() { return 401; }
        @Override public String type() { return "invalid_request_error"; }
        @Override public String code() { return "invalid_admin_key"; }
    }

    /** No session, or one that is over. */
    static final class NotSignedIn extends GatewayException.PolicyViolation {
        NotSignedIn() {
            super("Not signed in, or the session is over: sign in again.", null);
        }

        @Override public int status() { return 401; }
        @Override public String type() { return "invalid_request_error"; }
        @Override public String code() { return "not_signed_in"; }
    }

    /** Signing out without the session's CSRF token. */
    static final class CsrfMissing extends GatewayException.PolicyViolation {
        CsrfMissing() {
            super("Signing out needs the session's CSRF token in the x-gatehouse-csrf header.", null);
        }

        @Override public int status() { return 403; }
        @Override public String type() { return "permission_error"; }
        @Override public String code() { return "csrf_token_invalid"; }
    }
}
