package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.responses.ResponseOwner;
import dev.gatehouse.server.responses.ResponseStore;
import dev.gatehouse.server.responses.StoredResponse;
import java.util.Optional;

/**
 * {@code previous_response_id} made the conversation it names: the stored response's input items
 * and output, for the caller's owner only. An unknown id, another owner's, or one past the
 * retention period is refused as OpenAI refuses an unknown one (400 {@code
 * previous_response_not_found}), so another team's ids can not be probed.
 */
final class ResponseHistory {

    private final Optional<ResponseStore> store;

    ResponseHistory(Optional<ResponseStore> store) {
        this.store = store;
    }

    /** The earlier conversation {@code previousId} continues, oldest item first. */
    ArrayNode of(String previousId, Caller caller) {
        ResponseStore responses = store.orElseThrow(() -> notFound(previousId,
                " Gatehouse keeps no responses when it runs without a master key (docs/agents.md)."));
        return responses.find(previousId, ResponseOwner.of(caller)).map(StoredResponse::history)
                .orElseThrow(() -> notFound(previousId, ""));
    }

    private static GatewayException notFound(String id, String why) {
        String named = ResponseStore.ID.matcher(id).matches() ? " with id '" + id + "'" : "";
        return new GatewayException.BadRequest("Previous response" + named + " not found." + why,
                "previous_response_id", "previous_response_not_found", null);
    }
}
