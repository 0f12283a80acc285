package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.RelayedEventStream;
import dev.gatehouse.provider.Upstream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI's Responses API as written, for OpenAI itself ({@code POST {base}/responses}, the
 * reference's {@code POST https://api.openai.com/v1/responses}) and Azure OpenAI ({@link
 * AzureEndpoint#responses}). The rest of the compatible family is left out: which of them take
 * {@code /responses}, and how much of it, differs from member to member. Errors are mapped as
 * chat errors are ({@link OpenAiErrors}).
 */
final class OpenAiResponses {

    /**
     * The Responses API's last events: it sends no {@code [DONE]}; a stream ends with the
     * response's final state, or with an {@code error} event (docs/agents.md).
     */
    private static final Set<String> LAST = Set.of("response.completed", "response.incomplete", "response.failed",
            "error");

    private final CompatibleProfile profile;
    private final UpstreamCalls.Errors errors;

    OpenAiResponses(CompatibleProfile profile, UpstreamCalls.Errors errors) {
        this.profile = profile;
        this.errors = errors;
    }

    /** Whether the profile's upstream is one whose Responses API Gatehouse calls as written. */
    boolean speaksResponses() {
        return profile.id().equals(CompatibleProfiles.OPENAI.id()) || profile.id().equals(CompatibleProfiles.AZURE.id());
    }

    JsonNode create(ObjectNode body, Upstream upstream) {
        body.put("model", upstream.deployment().upstreamModel());
        body.remove("stream");
        return UpstreamCalls.json(upstream.transport(), call(body, upstream.deployment(), false), errors,
                profile.displayName());
    }

    EventStream<ServerSentEvent> stream(ObjectNode body, Upstream upstream) {
        body.put("model", upstream.deployment().upstreamModel());
        body.put("stream", true);
        String name = profile.displayName();
        return new RelayedEventStream(UpstreamCalls.open(upstream.transport(), call(body, upstream.deployment(), true),
                errors), name + "'s Responses stream", "its last event", event -> LAST.contains(type(event, name)));
    }

    /** The event's name; the type inside its data where the upstream sent no {@code event:} line. */
    private static String type(ServerSentEvent event, String upstream) {
        if (event.name() != null && !event.name().isEmpty()) {
            return event.name();
        }
        return Json.parseUpstream(event.data(), upstream).path("type").asText("");
    }

    private UpstreamRequest call(ObjectNode body, Deployment deployment, boolean stream) {
        if (!speaksResponses()) {
            throw new GatewayException.BadRequest("The model '" + deployment.model() + "' on "
                    + profile.displayName() + " does not take Responses requests as written.", "model");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        URI endpoint;
        if (profile.id().equals(CompatibleProfiles.AZURE.id())) {
            endpoint = AzureEndpoint.responses(deployment);
            if (deployment.apiKey() != null) {
                headers.put(AzureEndpoint.KEY_HEADER, deployment.apiKey().reveal());
            }
        } else {
            endpoint = openAi(deployment);
            if (deployment.apiKey() != null) {
                headers.put("authorization", "Bearer " + deployment.apiKey().reveal());
            }
        }
        if (stream) {
            headers.put("accept", "text/event-stream");
        }
        return UpstreamRequest.postJson(endpoint, headers, Json.bytes(body), deployment.timeout())
                .withTimeouts(deployment.totalTimeout(), deployment.idleTimeout());
    }

    /** {@code {base}/responses}; a base URL with a path (a corporate proxy) keeps it. */
    private URI openAi(Deployment deployment) {
        URI base = deployment.baseUrlOr(profile.defaultBaseUrl());
        String root = base.toString();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return URI.create(root + "/responses");
    }
}
