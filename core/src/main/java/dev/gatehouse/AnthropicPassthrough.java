package dev.gatehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.FetchedImages;
import dev.gatehouse.provider.NativeMessages;
import dev.gatehouse.routing.RequestContext;

/**
 * Anthropic Messages requests sent as the caller wrote them, to a model whose every deployment
 * speaks Anthropic's API ({@link Snapshot#speaksAnthropicMessages}): routed like any request, each
 * attempt on a copy with the deployment's model and images inlined where needed; the answer names
 * the public model that served. Jackson's types stay here, out of {@link Gateway}'s API.
 */
final class AnthropicPassthrough {

    private AnthropicPassthrough() {}

    /** The whole answer. {@code beta} is the caller's {@code anthropic-beta} header, or null. */
    static JsonNode message(Snapshot now, RequestContext context, ObjectNode body, String beta) {
        FetchedImages fetched = new FetchedImages();
        return now.router().route(body.path("model").asText(), () -> 0, context, attempt -> {
            Deployment deployment = attempt.deployment();
            ObjectNode sent = sent(now, body, deployment, fetched);
            JsonNode message = provider(now, deployment).createMessage(sent, beta, now.upstream(attempt));
            if (message instanceof ObjectNode object && object.has("model")) {
                object.put("model", deployment.model());
            }
            return message;
        });
    }

    /** The streamed answer: Anthropic's events, the first awaited (and retried before it comes). */
    static EventStream<ServerSentEvent> stream(Snapshot now, RequestContext context, ObjectNode body, String beta) {
        FetchedImages fetched = new FetchedImages();
        return now.router().route(body.path("model").asText(), () -> 0, context, attempt -> {
            Deployment deployment = attempt.deployment();
            ObjectNode sent = sent(now, body, deployment, fetched);
            EventStream<ServerSentEvent> events = provider(now, deployment).streamMessage(sent, beta,
                    now.upstream(attempt));
            return new RoutedStream<>(events, attempt, event -> renamed(event, deployment.model()));
        });
    }

    /** The body for one attempt: a copy, its images inlined where the deployment needs them. */
    private static ObjectNode sent(Snapshot now, ObjectNode body, Deployment deployment, FetchedImages fetched) {
        ObjectNode sent = body.deepCopy();
        now.nativeInliner().prepare(sent, deployment, fetched);
        return sent;
    }

    /** The deployment's provider as a native Messages one; a fallback that is not gives a 400 naming it. */
    private static NativeMessages provider(Snapshot now, Deployment deployment) {
        if (!now.speaksNatively(deployment)) {
            throw new GatewayException.BadRequest("The fallback model '" + deployment.model()
                    + "' does not take Anthropic Messages requests as written.", "model");
        }
        return (NativeMessages) now.provider(deployment);
    }

    /** Names the serving model in message_start, the one event that names one. */
    private static ServerSentEvent renamed(ServerSentEvent event, String model) {
        if (!"message_start".equals(event.name())) {
            return event;
        }
        JsonNode data = Json.parseUpstream(event.data(), "Anthropic");
        if (data.path("message") instanceof ObjectNode message && message.has("model")) {
            message.put("model", model);
            return new ServerSentEvent(event.name(), Json.text(data));
        }
        return event;
    }
}
