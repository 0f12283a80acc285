package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.Gateway;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.wire.EmbeddingRequestJson;
import dev.gatehouse.api.wire.EmbeddingResponseJson;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.limit.Demand;
import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.spend.SpendLog;
import dev.gatehouse.server.spend.Tokenizer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code POST /v1/embeddings}: OpenAI's embeddings, vectors as floats or base64 as the caller asks. */
final class EmbeddingsHandler {

    private final Gateway gateway;
    private final Metrics metrics;
    private final RequestBody body;
    private final RequestGuard guard;
    private final RequestAccess access;
    private final SpendLog spend;

    EmbeddingsHandler(Gateway gateway, Metrics metrics, RequestBody body, RequestGuard guard,
            RequestAccess access, SpendLog spend) {
        this.gateway = gateway;
        this.spend = spend;
        this.access = access;
        this.metrics = metrics;
        this.body = body;
        this.guard = guard;
    }

    void handle(ServerRequest req, ServerResponse res) {
        ModelCall call = ModelCall.start(new Exchange(req, res, "embeddings", metrics), spend);
        Exchange exchange = call.exchange;
        call.run(() -> {
            Caller caller = access.check(req, Endpoint.EMBEDDINGS);
            call.ticket.caller(caller);
            JsonNode json = body.readJson(req);
            guard.checkBody(json);
            EmbeddingRequest request = EmbeddingRequestJson.read(json);
            RequestGuard.checkModel(request.model());
            call.ticket.model(request.model());
            call.ticket.promptEstimate(() -> Tokenizer.inputs(request));
            access.checkModel(caller, request.model(), req);
            call.admit(access, caller, () -> Demand.embedding(request, access.inputTokens()));
            EmbeddingResponse response = gateway.call(call.context).embed(request);
            call.ticket.usage(response.usage());
            exchange.sendJson(200, EmbeddingResponseJson.write(response, request.encodingFormat()));
            call.succeeded = true;
        });
    }
}
