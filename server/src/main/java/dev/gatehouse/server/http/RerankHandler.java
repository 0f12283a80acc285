package dev.gatehouse.server.http;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.wire.RerankJson;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.metrics.Metrics;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /v1/rerank}: Cohere's rerank format, as LiteLLM's proxy offers it, served by any
 * deployment whose provider reranks. Errors come in OpenAI's error format, like every route.
 */
final class RerankHandler {

    private final Gateway gateway;
    private final Metrics metrics;
    private final RequestBody body;
    private final RequestAccess access;

    RerankHandler(Gateway gateway, Metrics metrics, RequestBody body, RequestAccess access) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.body = body;
        this.access = access;
    }

    void handle(ServerRequest req, ServerResponse res) {
        Exchange exchange = new Exchange(req, res, "rerank", metrics);
        exchange.run(() -> {
            Caller caller = access.check(req, Endpoint.RERANK);
            RerankRequest request = RerankJson.read(body.readJson(req));
            access.checkModel(caller, request.model(), req);
            exchange.sendJson(200, RerankJson.write(gateway.rerank(request)));
        });
    }
}
