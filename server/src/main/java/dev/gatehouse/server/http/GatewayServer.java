package dev.gatehouse.server.http;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.spend.SpendLog;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.DirectHandler;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import java.util.concurrent.CountDownLatch;

/**
 * The HTTP server: Helidon SE WebServer, one virtual thread per request, OpenAI-compatible
 * routes with and without the {@code /v1} prefix (as LiteLLM offers them), health and
 * Prometheus metrics.
 */
public final class GatewayServer {

    private final WebServer webServer;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private GatewayServer(WebServer webServer) {
        this.webServer = webServer;
    }

    /** Starts listening and returns once bound. */
    public static GatewayServer start(ServerSettings settings, Gateway gateway, Metrics metrics, ControlPlane control,
            SpendLog spend) {
        RequestAccess access = new RequestAccess(control.authenticator());
        ChatCompletionsHandler chat = new ChatCompletionsHandler(gateway, metrics,
                new RequestBody(settings.maxBodyBytes()), new RequestGuard(settings.maxMessages()), access, spend);
        EmbeddingsHandler embeddings = new EmbeddingsHandler(gateway, metrics,
                new RequestBody(settings.maxBodyBytes()), new RequestGuard(settings.maxMessages()), access, spend);
        ImagesHandler images = new ImagesHandler(gateway, metrics,
                new RequestBody(settings.maxBodyBytes()), new RequestGuard(settings.maxMessages()), access, spend);
        WebServer webServer = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // Without TCP_NODELAY every streamed chunk waits for a delayed ACK (see DESIGN.md).
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .shutdownGracePeriod(settings.drainTimeout())
                .addProtocol(Http1Config.builder().maxHeadersSize(settings.maxHeaderBytes()).build())
                .directHandlers(handlers -> {
                    TransportErrors errors = new TransportErrors();
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                        handlers.addHandler(type, errors);
                    }
                })
                .routing(routing -> {
                    mediaRoutes(routing, embeddings, images);
                    routes(routing, chat, gateway, metrics, access, control);
                })
                .build()
                .start();
        return new GatewayServer(webServer);
    }

    private static void routes(HttpRouting.Builder routing, ChatCompletionsHandler chat, Gateway gateway,
            Metrics metrics, RequestAccess access, ControlPlane control) {
        for (String prefix : new String[] {"/v1", ""}) {
            routing.post(prefix + "/chat/completions", chat::handle);
            routing.get(prefix + "/models", (req, res) -> models(req, res, gateway, metrics, access));
        }
        routing.get("/health/liveness", (req, res) -> health(req, res, metrics, true));
        routing.get("/health/readiness", (req, res) -> health(req, res, metrics, control.database().isReachable()));
        routing.get("/metrics", (req, res) ->
                new Exchange(req, res, "metrics", metrics).sendText("text/plain; version=0.0.4", metrics.scrape()));
        routing.any((req, res) -> noRoute(req, res, metrics));
    }

    /** Embeddings and images, with and without {@code /v1} like chat. */
    private static void mediaRoutes(HttpRouting.Builder routing, EmbeddingsHandler embeddings, ImagesHandler images) {
        for (String prefix : new String[] {"/v1", ""}) {
            routing.post(prefix + "/embeddings", embeddings::handle);
            routing.post(prefix + "/images/generations", images::generations);
            routing.post(prefix + "/images/edits", images::edits);
        }
    }

    /** {@code GET /v1/models}: the public model names this gateway serves that the caller's key may use. */
    private static void models(ServerRequest req, ServerResponse res, Gateway gateway, Metrics metrics,
            RequestAccess access) {
        Exchange exchange = new Exchange(req, res, "models", metrics);
        try {
            Caller caller = access.check(req, Endpoint.MODELS);
            var body = Json.object().put("object", "list");
            var data = body.putArray("data");
            for (String model : gateway.models()) {
                if (access.mayUse(caller, model)) {
                    data.addObject().put("id", model).put("object", "model").put("created", 0)
                            .put("owned_by", "gatehouse");
                }
            }
            exchange.sendJson(200, body);
        } catch (GatewayException e) {
            exchange.fail(e);
        }
        exchange.finish();
    }

    /** Liveness: up while the server runs. Readiness: up while the store answers too. */
    private static void health(ServerRequest req, ServerResponse res, Metrics metrics, boolean up) {
        Exchange exchange = new Exchange(req, res, "health", metrics);
        exchange.sendJson(up ? 200 : 503, Json.object().put("status", up ? "UP" : "DOWN"));
        exchange.finish();
    }

    private static void noRoute(ServerRequest req, ServerResponse res, Metrics metrics) {
        Exchange exchange = new Exchange(req, res, "unknown", metrics);
        String path = req.path().path();
        boolean known = path.endsWith("/chat/completions") || path.endsWith("/models") || path.endsWith("/embeddings")
                || path.endsWith("/images/generations") || path.endsWith("/images/edits");
        boolean wrongMethod = known && req.prologue().method() != Method.POST;
        exchange.fail(wrongMethod
                ? new ServerErrors.NoRoute(405, "Method " + req.prologue().method().text() + " is not allowed on "
                        + path + ".")
                : new ServerErrors.NoRoute(404, "Unknown request URL: " + req.prologue().method().text() + " " + path
                        + ". Gatehouse serves /v1/chat/completions, /v1/embeddings, /v1/images/generations, /v1/images/edits and"
                        + " /v1/models."));
        exchange.finish();
    }

    /** The port actually bound. */
    public int port() {
        return webServer.port();
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
