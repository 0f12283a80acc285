package dev.gatehouse.server.http;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Ends the connection once a request that asked for {@code Connection: close} has its answer.
 * Helidon answers such a request with {@code connection: close} but then waits for the next
 * request on the same connection until the client closes it or the idle timeout passes: a
 * socket and a thread held for nothing, and a way to pile up open connections (RFC 9112
 * section 9.6: the server closes the connection after the response with "close").
 */
final class ConnectionClose {

    private ConnectionClose() {}

    /** Adds the filter to {@code routing}: every route, and every listener that gets it. */
    static void register(HttpRouting.Builder routing) {
        routing.addFilter(ConnectionClose::filter);
    }

    private static void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        chain.proceed();
        // Handlers return once their response is complete (streams included); throwing now ends the
        // connection after it, which is how Helidon lets a route close one.
        if (req.headers().containsToken(HeaderValues.CONNECTION_CLOSE) && res.isSent()) {
            throw new CloseConnectionException("the client asked for Connection: close");
        }
    }
}
