package dev.gatehouse.testkit.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testkit.RecordedRequest;
import java.io.IOException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Gemini API refuses, checked on a request the way the real service would: the path,
 * method and query, the API key header, and the body (unknown fields, roles, part shapes,
 * function responses, generation config ranges, tool config). Body checks are in
 * {@link GeminiBodyRules}.
 */
final class GeminiRequestRules {

    /** A refusal: the status Gemini answers with and a precise reason. */
    record Refusal(int status, String message) {}

    /** Thrown by a check to refuse the request; caught in {@link #check}. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    static final String INVALID_KEY = "API key not valid. Please pass a valid API key.";
    static final String NO_KEY = "Method doesn't allow unregistered callers (callers without established identity)."
            + " Please use API Key or other form of API consumer identity to call this API.";

    private static final Pattern PATH =
            Pattern.compile("/v1beta/models/([A-Za-z0-9._-]+):(generateContent|streamGenerateContent)");

    static final String UNAUTHENTICATED = "Request had invalid authentication credentials. Expected OAuth 2 access "
            + "token, login cookie or other valid authentication credential. See "
            + "https://developers.google.com/identity/sign-in/web/devconsole-project.";

    /**
     * Vertex AI's door to the same model API
     * (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference): the
     * project and location in the path, and an OAuth access token as the only credential.
     */
    record Vertex(String project, String location, java.util.function.Predicate<String> validToken) {
        Pattern path() {
            return Pattern.compile("/v1/projects/" + Pattern.quote(project) + "/locations/" + Pattern.quote(location)
                    + "/publishers/google/models/([A-Za-z0-9._-]+):(generateContent|streamGenerateContent)");
        }

        void checkAuth(RecordedRequest request) {
            if (request.header("x-goog-api-key").isPresent()) {
                throw new Refused(401, "API keys are not supported by this API. Expected OAuth2 access token or other "
                        + "authentication credentials that assert a principal.");
            }
            String authorization = request.header("authorization").orElse("");
            if (!authorization.startsWith("Bearer ") || !validToken.test(authorization.substring("Bearer ".length()))) {
                throw new Refused(401, UNAUTHENTICATED);
            }
        }
    }

    /** Checks a request to Vertex AI's door. */
    static Optional<Refusal> checkVertex(RecordedRequest request, Vertex vertex) {
        try {
            Matcher path = vertex.path().matcher(request.pathOnly());
            if (!path.matches()) {
                throw new Refused(404, "no Vertex AI method at " + request.pathOnly() + " (expected /v1/projects/"
                        + vertex.project() + "/locations/" + vertex.location()
                        + "/publishers/google/models/{model}:generateContent or :streamGenerateContent)");
            }
            checkRest(request, path.group(2).equals("streamGenerateContent"), () -> vertex.checkAuth(request));
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of(new Refusal(refused.status, refused.getMessage()));
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GeminiRequestRules() {}

    static Optional<Refusal> check(RecordedRequest request, String apiKey) {
        try {
            checkAll(request, apiKey);
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of(new Refusal(refused.status, refused.getMessage()));
        }
    }

    private static void checkAll(RecordedRequest request, String apiKey) {
        Matcher path = PATH.matcher(request.pathOnly());
        if (!path.matches()) {
            throw new Refused(404, "no Gemini method at " + request.pathOnly()
                    + " (expected /v1beta/models/{model}:generateContent or :streamGenerateContent)");
        }
        checkRest(request, path.group(2).equals("streamGenerateContent"), () -> checkKey(request, apiKey));
    }

    /** Method, query, credential and body: the same on both doors. */
    private static void checkRest(RecordedRequest request, boolean streaming, Runnable checkAuth) {
        if (!request.method().equals("POST")) {
            throw new Refused(404, request.method() + " is not allowed on " + request.pathOnly() + "; Gemini wants POST");
        }
        checkQuery(request, streaming);
        checkAuth.run();
        String type = request.header("content-type").orElse("");
        if (!type.startsWith("application/json")) {
            throw new Refused(400, "content-type must be application/json, was '" + type + "'");
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new Refused(400, "Invalid JSON payload received. The body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Refused(400, "Invalid JSON payload received. The body could not be read.");
        }
        if (body == null || !body.isObject()) {
            throw new Refused(400, "Invalid JSON payload received. The body must be a JSON object.");
        }
        GeminiBodyRules.check(body);
    }

    private static void checkQuery(RecordedRequest request, boolean streaming) {
        if (request.query("key").isPresent()) {
            throw new Refused(400, "the API key was sent as the key= query parameter; it must travel only in the "
                    + "x-goog-api-key header, where it does not end up in URL logs");
        }
        int q = request.path().indexOf('?');
        if (q >= 0) {
            for (String pair : request.path().substring(q + 1).split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!name.equals("alt")) {
                    throw new Refused(400, "Invalid JSON payload received. Unknown name \"" + name
                            + "\": Cannot bind query parameter.");
                }
            }
        }
        String alt = request.query("alt").orElse(null);
        if (streaming && !"sse".equals(alt)) {
            throw new Refused(400, ":streamGenerateContent needs alt=sse for Server-Sent Events "
                    + "(without it Gemini streams a JSON array); alt was " + alt);
        }
        if (!streaming && alt != null && !alt.equals("json")) {
            throw new Refused(400, ":generateContent with alt=" + alt + " is not a JSON call");
        }
    }

    private static void checkKey(RecordedRequest request, String apiKey) {
        if (request.header("authorization").isPresent()) {
            throw new Refused(401, "an Authorization header was sent; Gemini API keys go in x-goog-api-key");
        }
        Optional<String> key = request.header("x-goog-api-key");
        if (key.isEmpty()) {
            throw new Refused(403, NO_KEY);
        }
        if (!key.get().equals(apiKey)) {
            throw new Refused(400, INVALID_KEY);
        }
    }

    // ---- helpers shared with GeminiBodyRules ----

    /** Refuses every field of {@code object} not in {@code allowed}, with Gemini's wording. */
    static void onlyKnown(JsonNode object, Set<String> allowed, String at) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!allowed.contains(field.getKey())) {
                throw new Refused(400, "Invalid JSON payload received. Unknown name \"" + field.getKey() + "\""
                        + (at.isEmpty() ? "" : " at '" + at + "'") + ": Cannot find field.");
            }
        }
    }

    static JsonNode object(JsonNode parent, String name, String at) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isObject()) {
            throw new Refused(400, at + "." + name + " must be an object, was " + describe(value));
        }
        return value;
    }

    static String text(JsonNode parent, String name, String at) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new Refused(400, at + "." + name + " must be a non-empty string, was " + describe(value));
        }
        return value.asText();
    }

    static void base64(String value, String at) {
        try {
            Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "Invalid value at '" + at + "' (TYPE_BYTES), Base64 decoding failed");
        }
    }

    static Set<String> set(String... values) {
        return new HashSet<>(List.of(values));
    }

    static String describe(JsonNode value) {
        return value == null ? "absent" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}
