package dev.gatehouse.testkit.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.google.FakeGoogleOAuth;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Gemini API (Generative Language v1beta) on loopback: {@code POST
 * /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent?alt=sse}, with the
 * key in {@code x-goog-api-key}. It refuses what the real API refuses (see
 * {@link GeminiRequestRules} and {@link GeminiBodyRules}) and also a key sent in the URL, and
 * answers in Gemini's own shapes: {@code GenerateContentResponse} JSON, SSE events with CRLF
 * line ends and no terminator (the body just ends), cumulative {@code usageMetadata},
 * {@code functionCall} parts sent whole, and {@code google.rpc.Status} error bodies.
 */
public final class FakeGemini extends FakeProvider implements ScriptableFake {

    /** The model version the fake reports in its answers. */
    public static final String MODEL_VERSION = "gemini-fake-001";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "application/json; charset=UTF-8";

    private final AtomicInteger responses = new AtomicInteger();
    private final GeminiRequestRules.Vertex vertex;
    private final FakeGoogleOAuth oauth;

    /** A fake of the Gemini API, with an API key. */
    public FakeGemini() {
        this(null, null);
    }

    private FakeGemini(GeminiRequestRules.Vertex vertex, FakeGoogleOAuth oauth) {
        this.vertex = vertex;
        this.oauth = oauth;
    }

    /**
     * A fake of Gemini models on Vertex AI: {@code POST
     * /v1/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent}
     * (and {@code :streamGenerateContent?alt=sse}), accepting only bearer tokens that
     * {@code oauth} issued and that have not expired. Bodies, answers and errors are Gemini's.
     */
    public static FakeGemini vertex(String project, String location, FakeGoogleOAuth oauth) {
        return new FakeGemini(new GeminiRequestRules.Vertex(project, location, oauth::isValid), oauth);
    }

    /** The credential a deployment needs: the API key, or on Vertex AI the service-account JSON key. */
    @Override
    public String apiKey() {
        return oauth == null ? super.apiKey() : oauth.serviceAccountJson();
    }

    @Override
    protected String name() {
        return vertex == null ? "FakeGemini" : "FakeVertex";
    }

    @Override
    protected Optional<Violation> check(RecordedRequest request) {
        var refusal = vertex == null ? GeminiRequestRules.check(request, apiKey())
                : GeminiRequestRules.checkVertex(request, vertex);
        return refusal.map(r -> new Violation(r.status(), r.message()));
    }

    @Override
    protected Reply error(int status, String message) {
        ObjectNode error = MAPPER.createObjectNode().put("code", status).put("message", message)
                .put("status", rpcStatus(status));
        if (message.equals(GeminiRequestRules.INVALID_KEY)) {
            ArrayNode details = error.putArray("details");
            details.addObject().put("@type", "type.googleapis.com/google.rpc.ErrorInfo").put("reason", "API_KEY_INVALID")
                    .put("domain", "googleapis.com").putObject("metadata")
                    .put("service", "generativelanguage.googleapis.com");
            details.addObject().put("@type", "type.googleapis.com/google.rpc.LocalizedMessage").put("locale", "en-US")
                    .put("message", message);
        }
        return json(status, MAPPER.createObjectNode().set("error", error));
    }

    // ---- scenarios ----

    @Override
    public void replyText(String text, FakeUsage usage) {
        enqueue(json(200, response(List.of(textPart(text)), "STOP", usage, usage.completionTokens(), nextId())));
    }

    @Override
    public void replyToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        List<JsonNode> parts = calls.stream().map(FakeGemini::callPart).toList();
        enqueue(json(200, response(parts, "STOP", usage, usage.completionTokens(), nextId())));
    }

    @Override
    public void streamText(List<String> fragments, FakeUsage usage) {
        String id = nextId();
        List<Reply.Frame> frames = new ArrayList<>();
        for (int i = 0; i < fragments.size(); i++) {
            boolean last = i == fragments.size() - 1;
            frames.add(event(response(List.of(textPart(fragments.get(i))), last ? "STOP" : null, usage,
                    upTo(usage, i, fragments.size()), id), Duration.ZERO));
        }
        enqueue(stream(frames, false));
    }

    @Override
    public void streamToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        String id = nextId();
        List<Reply.Frame> frames = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            boolean last = i == calls.size() - 1;
            frames.add(event(response(List.of(callPart(calls.get(i))), last ? "STOP" : null, usage,
                    upTo(usage, i, calls.size()), id), Duration.ZERO));
        }
        enqueue(stream(frames, false));
    }

    @Override
    public void replyError(ErrorKind kind) {
        enqueue(switch (kind) {
            case BAD_REQUEST -> error(400, "Request contains an invalid argument.");
            case AUTHENTICATION -> vertex == null ? error(400, GeminiRequestRules.INVALID_KEY)
                    : error(401, GeminiRequestRules.UNAUTHENTICATED);
            case PERMISSION -> error(403, "The caller does not have permission");
            case NOT_FOUND -> error(404, "models/test-model is not found for API version v1beta, or is not supported"
                    + " for generateContent. Call ListModels to see the list of available models and their supported"
                    + " methods.");
            case RATE_LIMITED -> rateLimited();
            case CONTEXT_LENGTH -> error(400,
                    "The input token count (1200293) exceeds the maximum number of tokens allowed (1048576).");
            case SERVER_ERROR -> error(500, "An internal error has occurred. Please retry or report in "
                    + "https://developers.generativeai.google/guide/troubleshooting");
            case OVERLOADED -> error(503, "The model is overloaded. Please try again later.");
        });
    }

    @Override
    public void streamTextThenError(List<String> fragments) {
        String id = nextId();
        List<Reply.Frame> frames = new ArrayList<>();
        for (String fragment : fragments) {
            frames.add(event(response(List.of(textPart(fragment)), null, null, 0, id), Duration.ZERO));
        }
        ObjectNode error = MAPPER.createObjectNode().put("code", 503)
                .put("message", "The model is overloaded. Please try again later.").put("status", "UNAVAILABLE");
        frames.add(event(MAPPER.createObjectNode().set("error", error), Duration.ZERO));
        enqueue(stream(frames, false));
    }

    @Override
    public void streamTextThenDrop(List<String> fragments) {
        String id = nextId();
        List<Reply.Frame> frames = new ArrayList<>();
        for (String fragment : fragments) {
            frames.add(event(response(List.of(textPart(fragment)), null, null, 0, id), Duration.ZERO));
        }
        enqueue(stream(frames, true));
    }

    @Override
    public void streamSlowly(int count, long intervalMillis) {
        String id = nextId();
        FakeUsage usage = new FakeUsage(5, count);
        List<Reply.Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(event(response(List.of(textPart(i + " ")), i == count - 1 ? "STOP" : null, usage, i + 1, id),
                    Duration.ofMillis(intervalMillis)));
        }
        enqueue(stream(frames, false));
    }

    // ---- Gemini's shapes ----

    private String nextId() {
        return "fakeGeminiResponse" + responses.incrementAndGet();
    }

    /** A {@code GenerateContentResponse} with one candidate; {@code usage} null for none. */
    private static ObjectNode response(List<JsonNode> parts, String finishReason, FakeUsage usage,
            int candidatesTokens, String responseId) {
        ObjectNode response = MAPPER.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addAll(parts);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        if (usage != null) {
            response.putObject("usageMetadata")
                    .put("promptTokenCount", usage.promptTokens())
                    .put("candidatesTokenCount", candidatesTokens)
                    .put("totalTokenCount", usage.promptTokens() + candidatesTokens);
        }
        response.put("modelVersion", MODEL_VERSION).put("responseId", responseId);
        return response;
    }

    private static JsonNode textPart(String text) {
        return MAPPER.createObjectNode().put("text", text);
    }

    private static JsonNode callPart(FakeToolCall call) {
        ObjectNode functionCall = MAPPER.createObjectNode().put("name", call.name());
        try {
            functionCall.set("args", MAPPER.readTree(call.argumentsJson()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the scripted arguments are not JSON", e);
        }
        return MAPPER.createObjectNode().set("functionCall", functionCall);
    }

    /** The cumulative output count after event {@code i} of {@code n}, ending at the scripted total. */
    private static int upTo(FakeUsage usage, int i, int n) {
        return (int) Math.round(usage.completionTokens() * (i + 1) / (double) n);
    }

    private Reply rateLimited() {
        ObjectNode error = MAPPER.createObjectNode().put("code", 429)
                .put("message", "You exceeded your current quota, please check your plan and billing details.")
                .put("status", "RESOURCE_EXHAUSTED");
        ArrayNode details = error.putArray("details");
        details.addObject().put("@type", "type.googleapis.com/google.rpc.QuotaFailure").putArray("violations")
                .addObject().put("quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests")
                .put("quotaId", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
        details.addObject().put("@type", "type.googleapis.com/google.rpc.Help").putArray("links").addObject()
                .put("description", "Learn more about Gemini API quotas")
                .put("url", "https://ai.google.dev/gemini-api/docs/rate-limits");
        details.addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo").put("retryDelay", "7s");
        return json(429, MAPPER.createObjectNode().set("error", error));
    }

    private static Reply json(int status, JsonNode body) {
        return new Reply.Full(status, Map.of("content-type", JSON), bytes(body));
    }

    /** One SSE event as Google sends it: a {@code data:} line, CRLF line ends. */
    private static Reply.Frame event(JsonNode data, Duration delay) {
        return new Reply.Frame("data: " + new String(bytes(data), StandardCharsets.UTF_8) + "\r\n\r\n", delay);
    }

    private static Reply stream(List<Reply.Frame> frames, boolean dropAtEnd) {
        return new Reply.Stream(200, Map.of("content-type", "text/event-stream"), frames, dropAtEnd);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rpcStatus(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 500 -> "INTERNAL";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> "UNKNOWN";
        };
    }
}
