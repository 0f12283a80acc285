package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.Gateway;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.wire.EmbeddingRequestJson;
import dev.gatehouse.api.wire.EmbeddingResponseJson;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.metrics.Metrics;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code POST /v1/embeddings}: OpenAI's embeddings, vectors as floats or base64 as the caller asks. */
final class EmbeddingsHandler {

    private final Gateway gateway;
    private final Metrics metrics;
    private final RequestBody body;
    private final RequestGuard guard;
    private final RequestAccess access;

    EmbeddingsHandler(Gateway gateway, Metrics metrics, RequestBody body, RequestGuard guard,
            RequestAccess access) {
        this.gateway = gateway;
        this.access = access;
        this.metrics = metrics;
        this.body = body;
        this.guard = guard;
    }

    void handle(ServerRequest req, ServerResponse res) {
        Exchange exchange = new Exchange(req, res, "embeddings", metrics);
        exchange.run(() -> {
            Caller caller = access.check(req, Endpoint.EMBEDDINGS);
            JsonNode json = body.readJson(req);
            guard.checkBody(json);
            EmbeddingRequest request = EmbeddingRequestJson.read(json);
            guard.checkModel(request.model());
            access.checkModel(caller, request.model(), req);
            exchange.sendJson(200, EmbeddingResponseJson.write(gateway.embed(request), request.encodingFormat()));
        });
    }
}
