package dev.gatehouse.server.admin;

import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminKey;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.console.ConsoleCookie;
import dev.gatehouse.server.console.ConsoleSession;
import dev.gatehouse.server.console.ConsoleSessions;
import dev.gatehouse.server.console.Csrf;
import dev.gatehouse.server.crypto.MasterKeyException;
import dev.gatehouse.server.http.Exchange;
import dev.gatehouse.server.http.NoRoute;
import dev.gatehouse.server.http.RequestAccess;
import dev.gatehouse.server.http.RequestBody;
import dev.gatehouse.server.selfcheck.RunningJar;
import dev.gatehouse.server.telemetry.Telemetry;
import dev.gatehouse.server.spend.SpendQueries;
import dev.gatehouse.server.spend.SpendSeries;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The admin API on Helidon: every {@link AdminRoute} behind the same steps — the admin key from
 * {@code Authorization: Bearer} (401, one message for every kind of failure), or without one the
 * admin console's session cookie (with its CSRF token on every call that changes state), the route's role
 * (403 naming the role needed), the handler, and the services' exceptions as OpenAI-format
 * errors: IllegalArgumentException → 400, NoSuchElementException → 404, MasterKeyException → 503.
 * Admin actions are audited by the services themselves, with the admin key's id and the client's
 * address as the actor.
 */
public final class AdminApi {

    /** Admin bodies are small; a credential is at most 32 KiB. */
    static final long MAX_BODY_BYTES = 1024 * 1024;

    /** Methods that change nothing, which a console session may call without its CSRF token. */
    private static final java.util.Set<Method> SAFE_METHODS = java.util.Set.of(Method.GET, Method.HEAD);

    private final ControlPlane control;
    private final Telemetry telemetry;
    private final RequestBody bodies = new RequestBody(MAX_BODY_BYTES);
    private final List<AdminRoute> routes;
    private final Optional<ConsoleSessions> sessions;

    public AdminApi(ControlPlane control, Telemetry telemetry) {
        this(control, telemetry, GatewayOperations.NONE, Optional.empty(), null, Optional.empty());
    }

    /**
     * @param gateway  the running gateway's models, health and reload
     * @param sessions the admin console's sessions, which the API accepts besides admin keys; empty without a console
     * @param models   the model routes, for the playground; null for an admin API without them, whose playground
     *                 answers 404
     * @param jar      the jar Gatehouse runs from, whose SBOM {@code GET /admin/sbom} serves; empty when it runs
     *                 from classes in a directory
     */
    public AdminApi(ControlPlane control, Telemetry telemetry, GatewayOperations gateway,
            Optional<ConsoleSessions> sessions, ModelRequests models, Optional<RunningJar> jar) {
        this.control = control;
        this.telemetry = telemetry;
        this.sessions = sessions;
        Clock clock = Clock.systemUTC();
        ModelRequests playground = models != null ? models : (req, res, who) -> {
            Exchange exchange = new Exchange(req, res, "admin", telemetry);
            exchange.fail(new NoRoute(404, "This Gatehouse serves no model routes, so it has no playground."));
            exchange.finish();
        };
        this.routes = Stream.of(new KeyRoutes(control.keys(), clock, gateway.guardrailPolicies()).routes(),
                new CredentialRoutes(control).routes(),
                new AuditRoutes(control).routes(), new AdminKeyRoutes(control.adminKeys()).routes(),
                new LiteLlmKeyRoutes(control.keys(), clock, gateway.guardrailPolicies()).routes(),
                new SpendRoutes(new SpendQueries(control.database()), clock).routes(),
                new EndUserRoutes(control.endUsers()).routes(),
                new LiteLlmCustomerRoutes(control.endUsers(), new SpendQueries(control.database())).routes(),
                new SpendSeriesRoute(new SpendSeries(control.database()), clock).routes(),
                new HealthRoutes(gateway, control).routes(), new ServedModelsRoute(gateway).routes(),
                new SbomRoute(jar).routes(),
                new PlaygroundRoute(playground, control, this::authorize).routes(),
                new ConsoleSessionRoutes(sessions).routes()).flatMap(List::stream).toList();
    }

    /** Every admin route, LiteLLM's included. */
    List<AdminRoute> routes() {
        return routes;
    }

    /**
     * Adds the admin routes to {@code routing}, and an admin-style 404/405 for any other path
     * under {@code /admin} and {@code /key}; other paths are left to the routing's own handlers.
     */
    public void register(HttpRouting.Builder routing) {
        for (AdminRoute route : routes) {
            routing.route(route.method(), route.path(), route.served() != null
                    ? (req, res) -> route.served().serve(req, res, route)
                    : (req, res) -> handle(req, res, route));
        }
        for (String path : new String[] {"/admin", "/admin/*", "/key/*", "/v2/key/*", "/customer/*", "/spend/*"}) {
            routing.any(path, this::noRoute);
        }
    }

    /** For a listener of the admin API's own: its routes, and an admin-style 404 for every other path. */
    public void registerAlone(HttpRouting.Builder routing) {
        register(routing);
        routing.any(this::noRoute);
    }

    private void handle(ServerRequest req, ServerResponse res, AdminRoute route) {
        Exchange exchange = new Exchange(req, res, "admin", telemetry);
        // Answers can carry a secret made for this caller: no cache, shared or private, may keep them.
        res.header("cache-control", "no-store");
        exchange.run(() -> {
            Authorized who = authorize(req, route);
            AdminRoute.Reply reply = route.handler().handle(new AdminCall(req, who.role(), who.actor(), bodies));
            if (reply.body() != null) {
                exchange.sendJson(reply.status(), reply.body());
            } else {
                exchange.sendStreamed(reply.contentType(), reply.writer());
            }
        }, AdminErrors::known);
    }

    /** Who calls: the audit log's name for them, and their role. */
    private record Admin(String actor, AdminRole role) {}

    /** An admin whose credential was accepted and whose role allows the route, and how the audit log names them. */
    record Authorized(AdminRole role, Actor actor) {}

    /** The admin check of every admin route, for a route that serves its exchange itself. */
    @FunctionalInterface
    interface Authorizer {
        Authorized authorize(ServerRequest req, AdminRoute route);
    }

    /**
     * Who asks, if their admin key or console session is valid (else the 401; a session's call that
     * changes state without its CSRF token: the 403, audited) and their role allows {@code route}
     * (else the 403, audited as {@code admin.denied}).
     */
    Authorized authorize(ServerRequest req, AdminRoute route) {
        String source = RequestAccess.client(req).getHostAddress();
        Admin admin = authenticate(req, route, source);
        Actor actor = new Actor(admin.actor(), source);
        if (!route.permission().allows(admin.role())) {
            control.audit().record(actor.event("admin.denied", route.method().text() + " " + route.path())
                    .with("role", admin.role().wireName()));
            throw new AdminErrors.Forbidden(admin.role(), route.permission().roles());
        }
        return new Authorized(admin.role(), actor);
    }

    /**
     * The caller: an admin key when the request has an Authorization header; else the console
     * session its cookie opens, whose calls that change state must carry the session's CSRF token
     * (docs/console.md). A session that is over fails like a missing key.
     */
    private Admin authenticate(ServerRequest req, AdminRoute route, String source) {
        Optional<String> bearer = bearer(req);
        String cookie = ConsoleCookie.read(req);
        if (bearer.isEmpty() && !cookie.isEmpty() && sessions.isPresent()) {
            ConsoleSession session = sessions.get().find(cookie).orElseThrow(AdminErrors.Unauthorized::new);
            if (!SAFE_METHODS.contains(route.method()) && !Csrf.matches(req, session)) {
                control.audit().record(new Actor(session.subject(), source).event("admin.denied",
                        route.method().text() + " " + route.path()).with("reason", "csrf_token_invalid"));
                throw new AdminErrors.CsrfRefused();
            }
            return new Admin(session.subject(), session.role());
        }
        AdminKey key = control.adminKeys().authenticate(bearer, source).orElseThrow(AdminErrors.Unauthorized::new);
        return new Admin("admin:" + key.id(), key.role());
    }

    /**
     * The presented admin key: empty when there is no Authorization header, the bearer token
     * otherwise (an empty string for another scheme, which fails like an unknown key).
     */
    static Optional<String> bearer(ServerRequest req) {
        Optional<String> authorization = req.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        String value = authorization.get().strip();
        return Optional.of(value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : "");
    }

    private void noRoute(ServerRequest req, ServerResponse res) {
        Exchange exchange = new Exchange(req, res, "admin", telemetry);
        String path = req.path().path();
        String method = req.prologue().method().text();
        boolean known = routes.stream().anyMatch(r -> matches(r.path(), path));
        exchange.fail(known
                ? new NoRoute(405, "Method " + method + " is not allowed on " + path + ".")
                : new NoRoute(404, "Unknown admin URL: " + method + " " + path
                        + ". The admin API's routes are listed in docs/admin-api.md."));
        exchange.finish();
    }

    /** Whether {@code path} fits a route pattern with {@code {name}} parameters. */
    static boolean matches(String pattern, String path) {
        String regex = Stream.of(pattern.split("\\{[a-z_]+}", -1)).map(Pattern::quote)
                .reduce((a, b) -> a + "[^/]+" + b).orElse("");
        return path.matches(regex);
    }
}
