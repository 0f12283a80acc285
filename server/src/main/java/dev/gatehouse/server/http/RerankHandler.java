package dev.gatehouse.server.http;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.wire.RerankJson;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.limit.Demand;
import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.spend.SpendLog;
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
    private final SpendLog spend;

    RerankHandler(Gateway gateway, Metrics metrics, RequestBody body, RequestAccess access, SpendLog spend) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.body = body;
        this.access = access;
        this.spend = spend;
    }

    /**
     * One spend row per request, like every model route; rerank is billed per search, not per
     * token, so the row carries no tokens and no cost until the price table knows searches.
     */
    void handle(ServerRequest req, ServerResponse res) {
        ModelCall call = ModelCall.start(new Exchange(req, res, "rerank", metrics), spend);
        call.run(() -> {
            Caller caller = access.check(req, Endpoint.RERANK);
            call.ticket.caller(caller);
            RerankRequest request = RerankJson.read(body.readJson(req));
            RequestGuard.checkModel(request.model());
            call.ticket.model(request.model());
            access.checkModel(caller, request.model(), req);
            call.admit(access, caller, () -> Demand.rerank(request, access.inputTokens()));
            call.exchange.sendJson(200, RerankJson.write(gateway.call(call.context).rerank(request)));
            call.succeeded = true;
        });
    }
}
