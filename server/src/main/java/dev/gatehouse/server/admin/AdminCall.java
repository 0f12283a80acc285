package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.http.RequestBody;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * An admin request once its admin (a key, or a console session) is known: who asks (as the audit log records them), path
 * and query parameters, and the JSON body.
 */
record AdminCall(ServerRequest request, AdminRole role, Actor actor, RequestBody bodies) {

    /**
     * A path parameter. Like query parameters, it is refused with a 400 when it holds a control
     * character: no id or name has one, and a NUL would reach the store's lookups, which
     * PostgreSQL refuses with an error rather than a miss.
     */
    String param(String name) {
        return JsonFields.printable(name, request.path().pathParameters().get(name));
    }

    Optional<String> query(String name) {
        return request.query().contains(name) ? Optional.of(JsonFields.printable(name, request.query().get(name)))
                : Optional.empty();
    }

    /** The body, which must be a JSON object. */
    ObjectNode body() {
        JsonNode node = bodies.readJson(request);
        if (!(node instanceof ObjectNode object)) {
            throw AdminErrors.badRequest("The request body must be a JSON object.");
        }
        return object;
    }

    /** The body, or an empty object when the request has none (actions whose fields are all optional). */
    ObjectNode bodyOrEmpty() {
        return request.content().hasEntity() ? body() : Json.object();
    }
}
