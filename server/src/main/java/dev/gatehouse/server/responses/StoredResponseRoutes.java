package dev.gatehouse.server.responses;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.http.Exchange;
import dev.gatehouse.server.http.RequestAccess;
import dev.gatehouse.server.telemetry.Telemetry;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * The stored responses' routes for a virtual key with the {@code responses} endpoint, with and
 * without {@code /v1} like the other OpenAI routes: {@code GET /v1/responses/{id}} (the Response
 * object), {@code DELETE /v1/responses/{id}} and {@code GET /v1/responses/{id}/input_items}
 * (https://platform.openai.com/docs/api-reference/responses). Like {@code GET /v1/models} they
 * are authenticated but call no model: no spend row, metrics under their own route names.
 *
 * <p>A response of another owner is a 404 exactly like one that never existed. Without a master key
 * Gatehouse keeps no responses, and every id is a 404 that says why.
 */
public final class StoredResponseRoutes {

    private final Optional<ResponseStore> store;
    private final RequestAccess access;
    private final Telemetry telemetry;

    public StoredResponseRoutes(Optional<ResponseStore> store, RequestAccess access, Telemetry telemetry) {
        this.store = store;
        this.access = access;
        this.telemetry = telemetry;
    }

    public void register(HttpRouting.Builder routing) {
        for (String prefix : new String[] {"/v1", ""}) {
            routing.get(prefix + "/responses/{id}", this::retrieve);
            routing.delete(prefix + "/responses/{id}", this::delete);
            routing.get(prefix + "/responses/{id}/input_items", this::inputItems);
        }
    }

    private void retrieve(ServerRequest req, ServerResponse res) {
        Exchange exchange = new Exchange(req, res, "responses_retrieve", telemetry);
        exchange.run(() -> exchange.sendJson(200, find(req).response()));
    }

    private void inputItems(ServerRequest req, ServerResponse res) {
        Exchange exchange = new Exchange(req, res, "responses_input_items", telemetry);
        exchange.run(() -> {
            StoredResponse found = find(req);
            InputItemsPage page = InputItemsPage.read(name -> req.query().contains(name)
                    ? Optional.of(req.query().get(name)) : Optional.empty());
            exchange.sendJson(200, page.of(found.inputItems()));
        });
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Exchange exchange = new Exchange(req, res, "responses_delete", telemetry);
        exchange.run(() -> {
            Caller caller = access.check(req, Endpoint.RESPONSES);
            String id = req.path().pathParameters().get("id");
            if (!ownStore(id).delete(id, ResponseOwner.of(caller))) {
                throw notFound(id, "");
            }
            exchange.sendJson(200, Json.object().put("id", id).put("object", "response.deleted")
                    .put("deleted", true));
        });
    }

    /** The caller's stored response named by the path, or the 404 to answer with. */
    private StoredResponse find(ServerRequest req) {
        Caller caller = access.check(req, Endpoint.RESPONSES);
        String id = req.path().pathParameters().get("id");
        return ownStore(id).find(id, ResponseOwner.of(caller)).orElseThrow(() -> notFound(id, ""));
    }

    /** The store; without one, a 404 for {@code id} that says why nothing is kept. */
    private ResponseStore ownStore(String id) {
        return store.orElseThrow(() -> notFound(id, ": Gatehouse keeps no responses when it runs without a master"
                + " key (docs/agents.md, Stored responses)"));
    }

    /** OpenAI's words for an unknown response; an id that could never be stored is not repeated back. */
    static GatewayException notFound(String id, String why) {
        String named = id != null && ResponseStore.ID.matcher(id).matches() ? " with id '" + id + "'" : "";
        return new GatewayException.NotFound("Response" + named + " not found" + why + ".", null, "not_found", null);
    }
}
