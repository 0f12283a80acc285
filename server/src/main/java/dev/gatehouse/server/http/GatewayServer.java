package dev.gatehouse.server.http;

import dev.gatehouse.Gateway;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.metrics.Metrics;
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
    public static GatewayServer start(ServerSettings settings, Gateway gateway, Metrics metrics) {
        ChatCompletionsHandler chat = new ChatCompletionsHandler(gateway, metrics,
                new RequestBody(settings.maxBodyBytes()), new RequestGuard(settings.maxMessages()));
        MessagesHandler messages = new MessagesHandler(gateway, metrics,
                new RequestBody(settings.maxBodyBytes()), new RequestGuard(settings.maxMessages()));
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
                .routing(routing -> routes(routing, chat, messages, gateway, metrics))
                .build()
                .start();
        return new GatewayServer(webServer);
    }

    private static void routes(HttpRouting.Builder routing, ChatCompletionsHandler chat, MessagesHandler messages,
            Gateway gateway, Metrics metrics) {
        for (String prefix : new String[] {"/v1", ""}) {
            routing.post(prefix + "/chat/completions", chat::handle);
            routing.get(prefix + "/models", (req, res) -> models(req, res, gateway, metrics));
        }
        // Anthropic's Messages API, where its SDKs look for it (base URL + /v1/messages).
        routing.post("/v1/messages", messages::messages);
        routing.post("/v1/messages/count_tokens", messages::countTokens);
        routing.get("/health/liveness", (req, res) -> health(req, res, metrics));
        routing.get("/health/readiness", (req, res) -> health(req, res, metrics));
        routing.get("/metrics", (req, res) ->
                new Exchange(req, res, "metrics", metrics).sendText("text/plain; version=0.0.4", metrics.scrape()));
        routing.any((req, res) -> noRoute(req, res, metrics));
    }

    /** {@code GET /v1/models}: the public model names this gateway serves. */
    private static void models(ServerRequest req, ServerResponse res, Gateway gateway, Metrics metrics) {
        Exchange exchange = new Exchange(req, res, "models", metrics);
        var body = Json.object().put("object", "list");
        var data = body.putArray("data");
        for (String model : gateway.models()) {
            data.addObject().put("id", model).put("object", "model").put("created", 0).put("owned_by", "gatehouse");
        }
        exchange.sendJson(200, body);
        exchange.finish();
    }

    /** Liveness and readiness: up while the server runs (the store and Redis join readiness when they exist). */
    private static void health(ServerRequest req, ServerResponse res, Metrics metrics) {
        Exchange exchange = new Exchange(req, res, "health", metrics);
        exchange.sendJson(200, Json.object().put("status", "UP"));
        exchange.finish();
    }

    private static void noRoute(ServerRequest req, ServerResponse res, Metrics metrics) {
        Exchange exchange = new Exchange(req, res, "unknown", metrics);
        String path = req.path().path();
        if (path.startsWith("/v1/messages")) {
            exchange.errorFormat(ErrorFormat.ANTHROPIC); // Anthropic's SDKs read errors in their own format.
            res.header("request-id", exchange.requestId());
        }
        boolean known = path.endsWith("/chat/completions") || path.endsWith("/models")
                || path.equals("/v1/messages") || path.equals("/v1/messages/count_tokens");
        boolean wrongMethod = known && req.prologue().method() != Method.POST;
        exchange.fail(wrongMethod
                ? new ServerErrors.NoRoute(405, "Method " + req.prologue().method().text() + " is not allowed on "
                        + path + ".")
                : new ServerErrors.NoRoute(404, "Unknown request URL: " + req.prologue().method().text() + " " + path
                        + ". Gatehouse serves /v1/chat/completions, /v1/models, /v1/messages and /v1/messages/count_tokens."));
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
