package dev.gatehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.FetchedImages;
import dev.gatehouse.provider.NativeResponses;
import dev.gatehouse.routing.RequestContext;
import java.util.Set;

/**
 * OpenAI Responses requests sent as the caller wrote them, to a model whose every deployment
 * speaks OpenAI's Responses API ({@link Snapshot#speaksOpenAiResponses}): routed like any request,
 * each attempt on a copy with the deployment's model and images inlined where needed; the answer, and every event that carries the
 * Response, names the public model that served. The usage stays where the upstream put it (the
 * Response's {@code usage}, in the stream on its last event) for the spend log to read.
 */
final class ResponsesPassthrough {

    /** The events that carry the whole Response object, and so its {@code model}. */
    private static final Set<String> CARRY_RESPONSE = Set.of("response.created", "response.queued",
            "response.in_progress", "response.completed", "response.incomplete", "response.failed");

    private ResponsesPassthrough() {}

    /** The whole Response. */
    static JsonNode response(Snapshot now, RequestContext context, ObjectNode body) {
        FetchedImages fetched = new FetchedImages();
        return now.router().route(body.path("model").asText(), () -> 0, context, attempt -> {
            Deployment deployment = attempt.deployment();
            JsonNode response = provider(now, deployment).createResponse(sent(now, body, deployment, fetched),
                    now.upstream(attempt));
            if (response instanceof ObjectNode object && object.has("model")) {
                object.put("model", deployment.model());
            }
            return response;
        });
    }

    /** The streamed Response: the upstream's events, the first awaited (and retried before it comes). */
    static EventStream<ServerSentEvent> stream(Snapshot now, RequestContext context, ObjectNode body) {
        FetchedImages fetched = new FetchedImages();
        return now.router().route(body.path("model").asText(), () -> 0, context, attempt -> {
            Deployment deployment = attempt.deployment();
            EventStream<ServerSentEvent> events = provider(now, deployment).streamResponse(
                    sent(now, body, deployment, fetched), now.upstream(attempt));
            return new RoutedStream<>(events, attempt, event -> renamed(event, deployment.model()));
        });
    }

    /** The body for one attempt: a copy, its image URLs inlined where the deployment needs them. */
    private static ObjectNode sent(Snapshot now, ObjectNode body, Deployment deployment, FetchedImages fetched) {
        ObjectNode sent = body.deepCopy();
        now.nativeInliner().prepareResponses(sent, deployment, fetched);
        return sent;
    }

    /** The deployment's provider as a native Responses one; a fallback that is not gives a 400 naming it. */
    private static NativeResponses provider(Snapshot now, Deployment deployment) {
        if (!now.takesResponsesNatively(deployment)) {
            throw new GatewayException.BadRequest("The fallback model '" + deployment.model()
                    + "' does not take OpenAI Responses requests as written.", "model");
        }
        return (NativeResponses) now.provider(deployment);
    }

    /** Names the serving model in the events that carry the Response; the others pass untouched. */
    private static ServerSentEvent renamed(ServerSentEvent event, String model) {
        if (event.name() != null && !event.name().isEmpty() && !CARRY_RESPONSE.contains(event.name())) {
            return event;
        }
        JsonNode data = Json.parseUpstream(event.data(), "the Responses API");
        if (data.path("response") instanceof ObjectNode response && response.has("model")) {
            response.put("model", model);
            return new ServerSentEvent(event.name(), Json.text(data));
        }
        return event;
    }
}
