package dev.gatehouse.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.ServerSentEvent;

/**
 * An optional capability of a {@link ChatProvider} whose upstream speaks Anthropic's Messages
 * API: it takes a Messages request body as the caller wrote it, and answers with Anthropic's
 * own JSON or events. Gatehouse's Anthropic front door uses it for such deployments, so that
 * nothing is lost in translation (thinking signatures, prompt caching, documents, citations,
 * server tools). Failures before the answer starts are thrown as
 * {@link dev.gatehouse.api.GatewayException}s.
 */
public interface NativeMessages {

    /** The deployment option that turns the native path off ({@code native_messages: false}). */
    String OPTION = "native_messages";

    /**
     * Whether this deployment takes Messages requests as written: yes unless its options say
     * {@code native_messages: false}, which keeps callers to what the canonical translation
     * carries (no server tools, MCP servers or betas reach the upstream).
     */
    default boolean takesNativeMessages(Deployment deployment) {
        return !"false".equalsIgnoreCase(deployment.options().getOrDefault(OPTION, "true"));
    }

    /**
     * The Message for {@code body}, whose {@code model} is replaced by the deployment's upstream
     * model; {@code beta} is the caller's {@code anthropic-beta} header or null.
     */
    JsonNode createMessage(ObjectNode body, String beta, Upstream upstream);

    /** The events of a streamed Message, as the upstream sends them. */
    EventStream<ServerSentEvent> streamMessage(ObjectNode body, String beta, Upstream upstream);
}
