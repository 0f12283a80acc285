package dev.gatehouse.provider.gemini;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.google.VertexAi;
import dev.gatehouse.http.Transport;
import dev.gatehouse.provider.Deployment;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where Gemini's {@code generateContent} is served and how a call proves who it is: the Gemini
 * API (an API key) or Vertex AI (a service account's OAuth token). The request and response
 * bodies are the same on both
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference), so the
 * whole mapping of this package serves both; only the URL and the credential differ.
 */
sealed interface GeminiPlatform {

    /** Letters, digits, '.', '_' and '-': a value that stays inside its URL path segment. */
    Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    /** The provider's name in messages. */
    String name();

    /** The URL of one model method ({@code :generateContent}, {@code :streamGenerateContent?alt=sse}). */
    URI endpoint(Deployment deployment, String model, String method);

    /** The headers that authenticate a call; {@code transport} fetches a token where one is needed. */
    Map<String, String> authHeaders(Deployment deployment, Transport transport);

    /** The Gemini API: {@code {base}/v1beta/models/{model}:method}, the key in {@code x-goog-api-key}. */
    record GeminiApi() implements GeminiPlatform {
        /** Gemini's public endpoint. */
        static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

        @Override
        public String name() {
            return "Gemini";
        }

        @Override
        public URI endpoint(Deployment deployment, String model, String method) {
            return URI.create(base(deployment, URI.create(DEFAULT_BASE_URL)) + "/v1beta/models/"
                    + segment(model, "model", "the Gemini model name") + method);
        }

        @Override
        public Map<String, String> authHeaders(Deployment deployment, Transport transport) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (deployment.apiKey() != null) {
                headers.put("x-goog-api-key", deployment.apiKey().reveal());
            }
            return headers;
        }
    }

    /**
     * Vertex AI: {@code https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:method}
     * with {@code Authorization: Bearer} and an access token of the deployment's service account
     * ({@link VertexAi}, shared with every adapter that calls Vertex AI).
     */
    record Vertex(VertexAi vertex) implements GeminiPlatform {

        @Override
        public String name() {
            return "Vertex AI";
        }

        @Override
        public URI endpoint(Deployment deployment, String model, String method) {
            return vertex.modelUrl(deployment, "google", segment(model, "model", "the Gemini model name"), method);
        }

        @Override
        public Map<String, String> authHeaders(Deployment deployment, Transport transport) {
            return vertex.authHeaders(deployment, transport);
        }
    }

    /** The base URL without trailing slashes: the configured one (a proxy, a test's fake) or the default. */
    private static String base(Deployment deployment, URI fallback) {
        String base = deployment.baseUrlOr(fallback).toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /** Refuses a value that could leave its path segment. */
    private static String segment(String value, String param, String what) {
        if (!SAFE_SEGMENT.matcher(value).matches() || value.contains("..")) {
            String message = what + " '" + value + "' may only contain letters, digits, '.', '_' and '-'";
            if (param == null) {
                throw new IllegalStateException(message);
            }
            throw new GatewayException.BadRequest(message, param);
        }
        return value;
    }
}
