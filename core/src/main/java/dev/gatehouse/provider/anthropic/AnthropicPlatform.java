package dev.gatehouse.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.google.VertexAi;
import dev.gatehouse.http.Transport;
import dev.gatehouse.provider.Deployment;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where Anthropic's Messages API is served and how a call proves who it is: Anthropic's own API
 * (an API key) or Google Cloud's Vertex AI (a service account's OAuth token). The request and
 * response bodies and the stream events are the same on both, except that on Vertex AI the
 * model is named in the URL and the API version in the body
 * (https://docs.anthropic.com/en/api/claude-on-vertex-ai), so the whole
 * mapping of this package serves both.
 */
sealed interface AnthropicPlatform {

    /** The URL of a Messages call, streamed or not. */
    URI messagesUrl(Deployment deployment, String model, boolean stream);

    /** The headers that authenticate a call and name the API version; {@code transport} fetches a token where one is needed. */
    Map<String, String> headers(Deployment deployment, Transport transport);

    /** Adapts a Messages body (with {@code model}) to the platform. */
    default ObjectNode adapt(ObjectNode body) {
        return body;
    }

    /** The URL of count_tokens, or null where Gatehouse does not count on this platform. */
    URI countTokensUrl(Deployment deployment);

    /** {@code POST {base}/v1/messages} with {@code x-api-key} and {@code anthropic-version}. */
    record AnthropicApi() implements AnthropicPlatform {
        @Override
        public URI messagesUrl(Deployment deployment, String model, boolean stream) {
            return URI.create(base(deployment) + "/v1/messages");
        }

        @Override
        public Map<String, String> headers(Deployment deployment, Transport transport) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (deployment.apiKey() != null) {
                headers.put("x-api-key", deployment.apiKey().reveal());
            }
            headers.put("anthropic-version", AnthropicProvider.API_VERSION);
            return headers;
        }

        @Override
        public URI countTokensUrl(Deployment deployment) {
            return URI.create(base(deployment) + "/v1/messages/count_tokens");
        }

        /** The base URL without trailing slashes; a base URL with a path (a corporate proxy) keeps it. */
        private static String base(Deployment deployment) {
            String base = deployment.baseUrlOr(AnthropicProvider.DEFAULT_BASE_URL).toString();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return base;
        }
    }

    /**
     * Claude on Vertex AI: {@code …/publishers/anthropic/models/{model}:rawPredict} (or
     * {@code :streamRawPredict}), the model out of the body and
     * {@code "anthropic_version": "vertex-2023-10-16"} in it, as Anthropic's own SDKs send it.
     * Token counting on Vertex AI is not used: counts there are Gatehouse's estimate.
     */
    record Vertex(VertexAi vertex) implements AnthropicPlatform {
        static final String VERSION = "vertex-2023-10-16";

        @Override
        public URI messagesUrl(Deployment deployment, String model, boolean stream) {
            return vertex.modelUrl(deployment, "anthropic", model, stream ? ":streamRawPredict" : ":rawPredict");
        }

        @Override
        public Map<String, String> headers(Deployment deployment, Transport transport) {
            return vertex.authHeaders(deployment, transport);
        }

        @Override
        public ObjectNode adapt(ObjectNode body) {
            body.remove("model");
            body.put("anthropic_version", VERSION);
            return body;
        }

        @Override
        public URI countTokensUrl(Deployment deployment) {
            return null;
        }
    }
}
