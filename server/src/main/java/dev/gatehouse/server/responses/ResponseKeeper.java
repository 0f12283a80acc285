package dev.gatehouse.server.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.server.auth.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps what {@code POST /v1/responses} answered, when the request said {@code store} and the
 * answer is one worth continuing: {@code completed} or {@code incomplete}, never {@code failed}
 * (nor a stream the caller left). Keeping is the last step of an answer already given, so a store
 * that fails is logged, not turned into a failure of the request.
 */
public final class ResponseKeeper {

    private static final System.Logger LOG = System.getLogger(ResponseKeeper.class.getName());
    private static final Set<String> KEPT = Set.of("completed", "incomplete");

    private final Optional<ResponseStore> store;
    private final Clock clock;

    public ResponseKeeper(Optional<ResponseStore> store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Whether responses can be kept at all (there is a master key). */
    public boolean available() {
        return store.isPresent();
    }

    /** The responses kept, if any; for continuing one ({@code previous_response_id}). */
    public Optional<ResponseStore> store() {
        return store;
    }

    /**
     * What keeps one request's final Response: {@code conversation} is everything it answered (the
     * earlier responses' items first). Does nothing when {@code keep} is false or there is no store.
     */
    public Consumer<ObjectNode> forRequest(boolean keep, Caller caller, String model, ArrayNode conversation) {
        if (!keep || store.isEmpty()) {
            return response -> {};
        }
        String owner = ResponseOwner.of(caller);
        return response -> {
            if (response == null || !KEPT.contains(response.path("status").asText())
                    || !ResponseStore.ID.matcher(response.path("id").asText()).matches()) {
                return;
            }
            String id = response.path("id").asText();
            try {
                store.get().save(new StoredResponse(id, owner, model, Instant.ofEpochMilli(clock.millis()),
                        conversation, response));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not keep response " + id
                        + "; it was answered, but can not be continued or read back", e);
            }
        };
    }
}
