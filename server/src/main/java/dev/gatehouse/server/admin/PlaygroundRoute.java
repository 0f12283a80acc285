package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.http.CallerCheck;
import dev.gatehouse.server.http.Incoming;
import dev.gatehouse.server.http.RequestAccess;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * {@code POST /admin/playground/chat/completions} (owner, key-admin): the console's playground. The
 * body is a chat completion request plus {@code "key_id"}; it is served by the same pipeline as
 * {@code /v1/chat/completions} as that key, without its secret: the key's models, endpoints and
 * address ranges (the address is the admin's), its limits and budgets, a spend row of its own,
 * streaming or not, and the chat route's answers and errors (a revoked or expired key is the 401
 * the key would get). The admin is checked first, as on every admin route; once the chat route
 * has accepted the request, {@code playground.used} is audited with the key and the model.
 */
final class PlaygroundRoute {

    static final String PATH = "/admin/playground/chat/completions";

    private final ModelRequests models;
    private final ControlPlane control;
    private final AdminApi.Authorizer admins;

    PlaygroundRoute(ModelRequests models, ControlPlane control, AdminApi.Authorizer admins) {
        this.models = models;
        this.control = control;
        this.admins = admins;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.served(PATH, Permission.MANAGE_KEYS, this::serve));
    }

    private void serve(ServerRequest req, ServerResponse res, AdminRoute route) {
        // As on every admin answer: nothing of a playground exchange is kept by a cache.
        res.header("cache-control", "no-store");
        models.chat(req, res, new AsKey(req, route));
    }

    /**
     * One playground request's caller: the admin first (401, 403), then the key the body names. The
     * use is audited once the chat route has read and accepted the request, with the model it asks
     * for; a request refused before that leaves no entry.
     */
    private final class AsKey implements CallerCheck {
        private final ServerRequest req;
        private final AdminRoute route;
        private AdminApi.Authorized admin;

        AsKey(ServerRequest req, AdminRoute route) {
            this.req = req;
            this.route = route;
        }

        @Override
        public Caller check(Incoming incoming, Endpoint endpoint) {
            admin = admins.authorize(req, route);
            if (!(incoming.json() instanceof ObjectNode body)) {
                throw new GatewayException.BadRequest("The request body must be a JSON object.", null);
            }
            String keyId = keyId(body.remove("key_id"));
            return control.authenticator().authenticateById(keyId, RequestAccess.client(req), endpoint)
                    .orElseThrow(() -> new GatewayException.NotFound("No virtual key has the id given in key_id.",
                            "key_id", "not_found", null));
        }

        @Override
        public void accepted(Caller caller, String model) {
            control.audit().record(admin.actor().event("playground.used", "key:" + caller.keyId())
                    .with("model", model));
        }
    }

    private static String keyId(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new GatewayException.BadRequest("key_id is required: the id of the virtual key (key_…) to send the"
                    + " request as.", "key_id");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new GatewayException.BadRequest("key_id must be a key's id, a string such as key_…", "key_id");
        }
        return JsonFields.printable("key_id", value.asText());
    }
}
