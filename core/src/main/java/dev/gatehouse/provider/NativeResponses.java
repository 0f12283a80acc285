package dev.gatehouse.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.ServerSentEvent;

/**
 * An optional capability of a {@link ChatProvider} whose upstream speaks OpenAI's Responses API
 * ({@code POST /v1/responses}): it takes a Responses request body as the caller wrote it, and
 * answers with the upstream's own Response object or events. Gatehouse's Responses route uses it
 * for such deployments, so that what the canonical chat model can not carry survives (reasoning
 * items and their encrypted content, built-in tools). Failures before the answer starts are
 * thrown as {@link dev.gatehouse.api.GatewayException}s.
 */
public interface NativeResponses {

    /** The deployment option that turns the native path off ({@code native_responses: false}). */
    String OPTION = "native_responses";

    /**
     * Whether this deployment takes Responses requests as written: yes unless its options say
     * {@code native_responses: false}, which sends callers through the canonical translation instead.
     */
    default boolean takesNativeResponses(Deployment deployment) {
        return !"false".equalsIgnoreCase(deployment.options().getOrDefault(OPTION, "true"));
    }

    /** The Response for {@code body}, whose {@code model} is replaced by the deployment's upstream model. */
    JsonNode createResponse(ObjectNode body, Upstream upstream);

    /**
     * The events of a streamed Response, as the upstream sends them, up to the terminal one
     * ({@code response.completed}, {@code response.incomplete}, {@code response.failed} or
     * {@code error}); the terminal Response carries the usage.
     */
    EventStream<ServerSentEvent> streamResponse(ObjectNode body, Upstream upstream);
}
