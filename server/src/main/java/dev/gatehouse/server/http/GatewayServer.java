package dev.gatehouse.server.http;

import dev.gatehouse.Gateway;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.admin.AdminApi;
import dev.gatehouse.server.admin.MetricsRoute;
import dev.gatehouse.server.admin.ModelRequests;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.console.ConsoleRoutes;
import dev.gatehouse.server.console.ConsoleSessions;
import dev.gatehouse.server.console.SingleSignOn;
import dev.gatehouse.server.guardrail.GuardrailMetrics;
import dev.gatehouse.server.guardrail.GuardrailPolicies;
import dev.gatehouse.server.guardrail.webhook.GuardrailWebhook;
import dev.gatehouse.server.guardrail.webhook.WebhookMetrics;
import dev.gatehouse.server.limit.Limiter;
import dev.gatehouse.server.selfcheck.RunningJar;
import dev.gatehouse.server.telemetry.Telemetry;
import dev.gatehouse.server.responses.ResponseStore;
import dev.gatehouse.server.responses.StoredResponseRoutes;
import dev.gatehouse.server.spend.SpendLog;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.DirectHandler;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import java.util.HashSet;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The HTTP server: Helidon SE WebServer, one virtual thread per request, OpenAI-compatible
 * routes with and without the {@code /v1} prefix (as LiteLLM offers them), health and
 * Prometheus metrics ({@link MetricsRoute}: on the admin listener when there is one).
 */
public final class GatewayServer {

    private static final String ADMIN_SOCKET = "admin";
    /**
     * The longest request line (method, path, query) read. Helidon decides a connection's protocol
     * from its first read: a read that holds no line end and is longer than this makes it close
     * the connection without a word, where one within it gets a 414 in OpenAI's format. Reads are
     * smaller than this, so a line of any length is answered.
     */
    static final int MAX_REQUEST_LINE = 64 * 1024;

    private final WebServer webServer;
    private final boolean adminAlone;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private GatewayServer(WebServer webServer, boolean adminAlone) {
        this.webServer = webServer;
        this.adminAlone = adminAlone;
    }

    /**
     * Starts listening and returns once bound. {@code limiter} admits every model request;
     * {@code operations} serve the admin API's health and reload routes; {@code responses} are the
     * stored responses the Responses API's read and delete routes serve (none without a master key);
     * the admin console is served where the admin API is, with its {@code sessions} (none: it is off);
     * {@code jar} is the jar Gatehouse runs from, whose SBOM the admin API serves (none: it runs from classes).
     */
    public static GatewayServer start(ServerSettings settings, GuardrailPolicies guardrails, Gateway gateway,
            List<ModelRoute<?>> modelRoutes, Telemetry telemetry, ControlPlane control, SpendLog spend, Limiter limiter,
            dev.gatehouse.server.admin.GatewayOperations operations, Optional<ResponseStore> responses,
            Optional<ConsoleSessions> sessions, Optional<SingleSignOn> sso, CacheLookup cacheLookup,
            Optional<RunningJar> jar) {
        RequestAccess access = new RequestAccess(control.authenticator(), limiter, control.endUsers());
        GuardrailMetrics guardrailMetrics = new GuardrailMetrics();
        telemetry.metrics().include(guardrailMetrics::scrape);
        WebhookMetrics webhookMetrics = new WebhookMetrics();
        telemetry.metrics().include(webhookMetrics::scrape);
        // Each policy's webhook client is built once, here, and shared by every request of the policy.
        Pipeline pipeline = new Pipeline(gateway, telemetry, spend, access, settings,
                new Guard(guardrails, control.audit(), guardrailMetrics,
                        webhook -> GuardrailWebhook.create(webhook, Clock.systemUTC(), webhookMetrics)), cacheLookup);
        AdminApi admin = new AdminApi(control, telemetry, operations, sessions, playground(pipeline, modelRoutes), jar);
        Optional<ConsoleRoutes> console = sessions.map(s -> new ConsoleRoutes(s, control.adminKeys(), telemetry, sso));
        boolean adminAlone = settings.adminPort() != null;
        var builder = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // Without TCP_NODELAY every streamed chunk waits for a delayed ACK (docs/dependencies.md).
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .shutdownGracePeriod(settings.drainTimeout())
                .addProtocol(http1(settings))
                .directHandlers(GatewayServer::transportErrors)
                .routing(routing -> {
                    ConnectionClose.register(routing);
                    if (!adminAlone) {
                        console.ifPresent(c -> c.register(routing));
                        admin.register(routing);
                        new MetricsRoute(control.adminKeys(), telemetry, settings.host(), settings.metricsPublic())
                                .register(routing);
                    }
                    for (ModelRoute<?> route : modelRoutes) {
                        serve(routing, pipeline, route);
                    }
                    new StoredResponseRoutes(responses, access, telemetry).register(routing);
                    routes(routing, modelRoutes, gateway, telemetry, access, control, limiter, cacheLookup);
                });
        if (adminAlone) {
            // The admin API on a listener of its own, and nowhere else (docs/admin-api.md).
            builder.putSocket(ADMIN_SOCKET, socket -> socket.host(settings.adminHost()).port(settings.adminPort())
                    .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                    .shutdownGracePeriod(settings.drainTimeout())
                    .addProtocol(http1(settings))
                    .directHandlers(GatewayServer::transportErrors))
                    .routing(ADMIN_SOCKET, routing -> {
                        ConnectionClose.register(routing);
                        // With a listener of its own, /metrics is the admin API's, and on no other listener.
                        new MetricsRoute(control.adminKeys(), telemetry, settings.adminHost(), settings.metricsPublic())
                                .register(routing);
                        console.ifPresent(c -> c.register(routing));
                        admin.registerAlone(routing);
                    });
        }
        return new GatewayServer(builder.build().start(), adminAlone);
    }

    /**
     * HTTP/1.1 as both listeners speak it. Helidon's wire logging is off: at FINE it logs every
     * request line, and a path can carry a secret (LiteLLM's {@code /key/{key}/regenerate}).
     */
    private static Http1Config http1(ServerSettings settings) {
        return Http1Config.builder().maxHeadersSize(settings.maxHeaderBytes()).maxPrologueLength(MAX_REQUEST_LINE)
                .log(log -> log.receiveLog(false).sendLog(false)).build();
    }

    /** Failures before routing (malformed HTTP, oversized headers) answered in OpenAI's format. */
    private static void transportErrors(DirectHandlers.Builder handlers) {
        TransportErrors errors = new TransportErrors();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, errors);
        }
    }

    /** The console's playground: chat completions through the pipeline, as the key the admin API names. */
    private static ModelRequests playground(Pipeline pipeline, List<ModelRoute<?>> modelRoutes) {
        return modelRoutes.stream().filter(route -> route.endpoint() == Endpoint.CHAT
                && route.paths().contains("/v1/chat/completions")).findFirst()
                .<ModelRequests>map(chat -> (req, res, who) -> pipeline.serve(chat, req, res, who))
                .orElse(null);
    }

    /** A model route at each of its paths, served by the pipeline. */
    private static <R> void serve(HttpRouting.Builder routing, Pipeline pipeline, ModelRoute<R> route) {
        for (String path : route.paths()) {
            routing.post(path, (req, res) -> pipeline.serve(route, req, res));
        }
    }

    private static void routes(HttpRouting.Builder routing, List<ModelRoute<?>> modelRoutes, Gateway gateway,
            Telemetry telemetry, RequestAccess access, ControlPlane control, Limiter limiter, CacheLookup cacheLookup) {
        Set<String> knownPaths = new HashSet<>(List.of("/v1/models", "/models"));
        modelRoutes.forEach(route -> knownPaths.addAll(route.paths()));
        new ModelsRoute(new ModelCatalog(gateway), telemetry, access).register(routing);
        routing.get("/health/liveness", (req, res) -> health(req, res, telemetry, true, Limiter.Health.UP, false,
                false));
        routing.get("/health/readiness", (req, res) -> health(req, res, telemetry, control.database().isReachable(),
                limiter.health(), control.audit().degraded(), cacheLookup.degraded()));
        routing.any((req, res) -> noRoute(req, res, telemetry, knownPaths));
    }

    /**
     * Liveness: up while the server runs. Readiness: up while the store answers too, and not
     * while Redis is down under {@code on_failure: closed} (limited requests would be refused);
     * with {@code on_failure: open} it stays ready and says {@code "limits":"degraded"}. It says
     * {@code "audit":"degraded"} (and stays ready) for a minute after an audit event was dropped.
     */
    private static void health(ServerRequest req, ServerResponse res, Telemetry telemetry, boolean storeUp,
            Limiter.Health limits, boolean auditDegraded, boolean cacheDegraded) {
        Exchange exchange = new Exchange(req, res, "health", telemetry);
        boolean up = storeUp && limits != Limiter.Health.DOWN;
        var body = Json.object().put("status", up ? "UP" : "DOWN");
        if (limits != Limiter.Health.UP) {
            body.put("limits", limits == Limiter.Health.DOWN ? "unavailable" : "degraded");
        }
        if (auditDegraded) {
            body.put("audit", "degraded");
        }
        if (cacheDegraded) {
            body.put("cache", "degraded"); // every lookup a miss, every store skipped: still ready (docs/cache.md)
        }
        exchange.sendJson(up ? 200 : 503, body);
        exchange.finish();
    }

    /** An unknown URL (404) or a known one asked with the wrong method (405), in the format its API's clients read. */
    private static void noRoute(ServerRequest req, ServerResponse res, Telemetry telemetry, Set<String> knownPaths) {
        Exchange exchange = new Exchange(req, res, "unknown", telemetry);
        String path = req.path().path();
        if (path.startsWith("/v1/messages")) {
            exchange.errorFormat(ErrorFormat.ANTHROPIC); // Anthropic's SDKs read errors in their own format.
        }
        boolean wrongMethod = knownPaths.contains(path) && req.prologue().method() != Method.POST;
        exchange.fail(wrongMethod
                ? new NoRoute(405, "Method " + req.prologue().method().text() + " is not allowed on "
                        + path + ".")
                : new NoRoute(404, "Unknown request URL: " + req.prologue().method().text() + " " + path
                        + ". Gatehouse serves /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/images/generations,"
                        + " /v1/images/edits, /v1/rerank, /v1/models, /v1/messages, /v1/messages/count_tokens and"
                        + " /v1/responses."));
        exchange.finish();
    }

    /** The port actually bound. */
    public int port() {
        return webServer.port();
    }

    /** The port the admin API is served on: its own listener's, or the main port. */
    public int adminPort() {
        return adminAlone ? webServer.port(ADMIN_SOCKET) : webServer.port();
    }

    /** Blocks until {@link #stop()} has run. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting connections, lets open requests finish within the drain timeout, then closes. */
    public void stop() {
        webServer.stop();
        stopped.countDown();
    }
}
