package dev.gatehouse.server.conformance;

import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import java.util.Optional;

/**
 * A stand-in for an OpenAI Responses endpoint until the strict fake in testkit is there: it
 * takes a JSON POST to a path ending in {@code /responses} with the fake's key and answers what
 * is scripted; it checks nothing else.
 */
final class ResponsesEndpointFake extends FakeProvider {

    @Override
    protected String name() {
        return "Responses endpoint";
    }

    @Override
    protected Optional<Violation> check(RecordedRequest request) {
        if (!request.method().equals("POST") || !request.pathOnly().endsWith("/responses")) {
            return Optional.of(new Violation(404, "unknown endpoint " + request.method() + " " + request.path()));
        }
        boolean bearer = request.header("authorization").orElse("").equals("Bearer " + apiKey());
        boolean azureKey = request.header("api-key").orElse("").equals(apiKey());
        if (!bearer && !azureKey) {
            return Optional.of(new Violation(401, "Incorrect API key provided"));
        }
        return Optional.empty();
    }

    @Override
    protected Reply error(int status, String message) {
        return Reply.Full.json(status, "{\"error\":{\"message\":" + com.fasterxml.jackson.databind.node.TextNode
                .valueOf(message) + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
    }
}
