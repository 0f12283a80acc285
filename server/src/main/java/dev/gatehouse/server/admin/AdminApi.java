package dev.gatehouse.server.admin;

import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminKey;
import dev.gatehouse.server.crypto.MasterKeyException;
import dev.gatehouse.server.http.Exchange;
import dev.gatehouse.server.http.NoRoute;
import dev.gatehouse.server.http.RequestAccess;
import dev.gatehouse.server.http.RequestBody;
import dev.gatehouse.server.telemetry.Telemetry;
import dev.gatehouse.server.spend.SpendQueries;
import dev.gatehouse.server.spend.SpendSeries;
import io.helidon.http.HeaderNames;
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
 * {@code Authorization: Bearer} (401, one message for every kind of failure), the route's role
 * (403 naming the role needed), the handler, and the services' exceptions as OpenAI-format
 * errors: IllegalArgumentException → 400, NoSuchElementException → 404, MasterKeyException → 503.
 * Admin actions are audited by the services themselves, with the admin key's id and the client's
 * address as the actor.
 */
public final class AdminApi {

    /** Admin bodies are small; a credential is at most 32 KiB. */
    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final ControlPlane control;
    private final Telemetry telemetry;
    private final RequestBody bodies = new RequestBody(MAX_BODY_BYTES);
    private final List<AdminRoute> routes;

    public AdminApi(ControlPlane control, Telemetry telemetry) {
        this(control, telemetry, GatewayOperations.NONE);
    }

    /** @param gateway the running gateway's health and reload, for {@code /admin/health/…} and {@code /admin/config/…} */
    public AdminApi(ControlPlane control, Telemetry telemetry, GatewayOperations gateway) {
        this(control, telemetry, gateway, null);
    }

    /**
     * @param gateway the running gateway's models, health and reload
     * @param models  the model routes, for the playground; null for an admin API without them, whose
     *                playground answers 404
     */
    public AdminApi(ControlPlane control, Telemetry telemetry, GatewayOperations gateway, ModelRequests models) {
        this.control = control;
        this.telemetry = telemetry;
        Clock clock = Clock.systemUTC();
        ModelRequests playground = models != null ? models : (req, res, who) -> {
            Exchange exchange = new Exchange(req, res, "admin", telemetry);
            exchange.fail(new NoRoute(404, "This Gatehouse serves no model routes, so it has no playground."));
            exchange.finish();
        };
        this.routes = Stream.of(new KeyRoutes(control.keys(), clock).routes(), new CredentialRoutes(control).routes(),
                new AuditRoutes(control).routes(), new AdminKeyRoutes(control.adminKeys()).routes(),
                new LiteLlmKeyRoutes(control.keys(), clock).routes(),
                new SpendRoutes(new SpendQueries(control.database()), clock).routes(),
                new SpendSeriesRoute(new SpendSeries(control.database()), clock).routes(),
                new HealthRoutes(gateway, control).routes(), new ServedModelsRoute(gateway).routes(),
                new PlaygroundRoute(playground, control, this::authorize).routes()).flatMap(List::stream).toList();
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
        for (String path : new String[] {"/admin", "/admin/*", "/key/*", "/v2/key/*"}) {
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
            AdminRoute.Reply reply = route.handler().handle(new AdminCall(req, who.admin(), who.actor(), bodies));
            if (reply.body() != null) {
                exchange.sendJson(reply.status(), reply.body());
            } else {
                exchange.sendStreamed(reply.contentType(), reply.writer());
            }
        }, AdminErrors::known);
    }

    /** An admin whose credential was accepted and whose role allows the route, and how the audit log names them. */
    record Authorized(AdminKey admin, Actor actor) {}

    /** The admin check of every admin route, for a route that serves its exchange itself. */
    @FunctionalInterface
    interface Authorizer {
        Authorized authorize(ServerRequest req, AdminRoute route);
    }

    /**
     * Who asks, if their admin key is valid (else the 401) and its role allows {@code route} (else
     * the 403, audited as {@code admin.denied}).
     */
    Authorized authorize(ServerRequest req, AdminRoute route) {
        String source = RequestAccess.client(req).getHostAddress();
        AdminKey admin = control.adminKeys().authenticate(bearer(req), source)
                .orElseThrow(AdminErrors.Unauthorized::new);
        Actor actor = new Actor("admin:" + admin.id(), source);
        if (!route.permission().allows(admin.role())) {
            control.audit().record(actor.event("admin.denied", route.method().text() + " " + route.path())
                    .with("role", admin.role().wireName()));
            throw new AdminErrors.Forbidden(admin.role(), route.permission().roles());
        }
        return new Authorized(admin, actor);
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
