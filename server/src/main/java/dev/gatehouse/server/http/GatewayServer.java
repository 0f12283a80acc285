package dev.gatehouse.server.http;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.util.concurrent.CountDownLatch;

/**
 * The HTTP server: Helidon SE WebServer, one virtual thread per request.
 *
 * <p>So far it serves the health endpoints only; the OpenAI-compatible routes come with
 * the server issue.
 */
public final class GatewayServer {

    private static final String JSON = "application/json";

    private final WebServer webServer;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private GatewayServer(WebServer webServer) {
        this.webServer = webServer;
    }

    /** Starts listening on {@code host:port} (port 0 picks a free one) and returns once bound. */
    public static GatewayServer start(String host, int port) {
        WebServer webServer = WebServer.builder()
                .host(host)
                .port(port)
                // Without TCP_NODELAY every streamed chunk waits for a delayed ACK (see DESIGN.md).
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing(GatewayServer::routes)
                .build()
                .start();
        return new GatewayServer(webServer);
    }

    private static void routes(HttpRouting.Builder routing) {
        routing.get("/health/liveness", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, JSON);
            res.send("{\"status\":\"UP\"}");
        });
    }

    /** The port actually bound. */
    public int port() {
        return webServer.port();
    }

    /** Blocks until {@link #stop()} has run. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops accepting connections and releases the port. */
    public void stop() {
        webServer.stop();
        stopped.countDown();
    }
}
