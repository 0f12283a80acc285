package dev.gatehouse.testkit.anthropic;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of Anthropic's Messages API ({@code POST /v1/messages}), strict like the real one:
 * {@link AnthropicRequestRules} refuses what the API refuses, with Anthropic's error body and
 * status, and records why. Answers are Anthropic's native JSON and SSE event sequences, as
 * https://platform.claude.com/docs/en/build-with-claude/streaming shows them: {@code ping}
 * events inside, tool input streamed as several {@code input_json_delta} fragments, usage in
 * {@code message_start} and {@code message_delta}, errors as {@code event: error}.
 */
public final class FakeAnthropic extends FakeProvider implements ScriptableFake {

    /** The model name the fake answers with. */
    public static final String MODEL = "claude-fake-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SSE_HEADERS = Map.of("content-type", "text/event-stream",
            "cache-control", "no-cache", "request-id", "req_fake_stream");

    private static final Duration DROP_DELAY = Duration.ofMillis(300);

    private final AtomicInteger ids = new AtomicInteger();
    /** What the fake issued, for the check of thinking sent back: signature → its thinking text, redacted data → "". */
    private final Map<String, String> issuedThinking = new ConcurrentHashMap<>();
    private final VertexAnthropicRules vertex;
    private final FakeGoogleOAuth oauth;

    /** A fake of Anthropic's own API, with an API key. */
    public FakeAnthropic() {
        this(null, null);
    }

    private FakeAnthropic(VertexAnthropicRules vertex, FakeGoogleOAuth oauth) {
        this.vertex = vertex;
        this.oauth = oauth;
    }

    /**
     * A fake of Claude on Vertex AI ({@code …/publishers/anthropic/models/{model}:rawPredict} and
     * {@code :streamRawPredict}), accepting only bearer tokens that {@code oauth} issued and that
     * have not expired. Answers and errors are Anthropic's.
     */
    public static FakeAnthropic vertex(String project, String location, FakeGoogleOAuth oauth) {
        return new FakeAnthropic(new VertexAnthropicRules(project, location, oauth::isValid), oauth);
    }

    /** The credential a deployment needs: the API key, or on Vertex AI the service-account JSON key. */
    @Override
    public String apiKey() {
        return oauth == null ? super.apiKey() : oauth.serviceAccountJson();
    }

    @Override
    protected String name() {
        return vertex == null ? "Anthropic" : "Claude on Vertex AI";
    }

    @Override
    protected Optional<Violation> check(RecordedRequest request) {
        try {
            if (vertex != null) {
                vertex.check(request);
                return Optional.empty();
            }
            AnthropicRequestRules.check(request, apiKey());
            if (request.pathOnly().equals("/v1/messages")) {
                ThinkingRules.check(AnthropicRequestRules.parse(request.body()), issuedThinking);
            }
            return Optional.empty();
        } catch (Refusal refusal) {
            return Optional.of(new Violation(refusal.status(), refusal.getMessage()));
        }
    }

    @Override
    protected Reply error(int status, String message) {
        return errorReply(status, errorType(status), message);
    }

    @Override
    public void replyText(String text, FakeUsage usage) {
        ArrayNode content = JSON.createArrayNode();
        content.addObject().put("type", "text").put("text", text);
        enqueue(Reply.Full.json(200, json(message(content, "end_turn", usage))));
    }

    @Override
    public void replyToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        ArrayNode content = JSON.createArrayNode();
        for (FakeToolCall call : calls) {
            content.addObject().put("type", "tool_use").put("id", toolUseId()).put("name", call.name())
                    .set("input", parse(call.argumentsJson()));
        }
        enqueue(Reply.Full.json(200, json(message(content, "tool_use", usage))));
    }

    @Override
    public void streamText(List<String> fragments, FakeUsage usage) {
        List<Reply.Frame> frames = textStart(usage);
        fragments.forEach(fragment -> frames.add(textDelta(fragment, Duration.ZERO)));
        frames.add(event("content_block_stop", object("content_block_stop").put("index", 0)));
        frames.addAll(end("end_turn", usage));
        enqueue(new Reply.Stream(200, SSE_HEADERS, frames, false));
    }

    @Override
    public void streamToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(messageStart(usage));
        for (int index = 0; index < calls.size(); index++) {
            FakeToolCall call = calls.get(index);
            ObjectNode block = JSON.createObjectNode().put("type", "tool_use").put("id", toolUseId()).put("name", call.name());
            block.putObject("input");
            frames.add(event("content_block_start", object("content_block_start").put("index", index)
                    .set("content_block", block)));
            if (index == 0) {
                frames.add(event("ping", object("ping")));
            }
            // The API's first fragment is often empty; the rest split the JSON text anywhere.
            frames.add(inputDelta(index, ""));
            for (String piece : split(json(parse(call.argumentsJson())), 3)) {
                frames.add(inputDelta(index, piece));
            }
            frames.add(event("content_block_stop", object("content_block_stop").put("index", index)));
        }
        frames.addAll(end("tool_use", usage));
        enqueue(new Reply.Stream(200, SSE_HEADERS, frames, false));
    }

    @Override
    public void replyError(ErrorKind kind) {
        Reply reply = switch (kind) {
            case BAD_REQUEST -> errorReply(400, "invalid_request_error", "temperature: Input should be less than or equal to 1");
            case AUTHENTICATION -> errorReply(401, "authentication_error", "invalid x-api-key");
            case PERMISSION -> errorReply(403, "permission_error",
                    "Your API key does not have permission to use the specified resource.");
            case NOT_FOUND -> errorReply(404, "not_found_error", "model: claude-does-not-exist");
            case RATE_LIMITED -> errorReply(429, "rate_limit_error",
                    "This request would exceed your organization's rate limit of 50 requests per minute.")
                    .withHeader("retry-after", "7").withHeader("x-should-retry", "true");
            case CONTEXT_LENGTH -> errorReply(400, "invalid_request_error", "prompt is too long: 200679 tokens > 199999 maximum");
            case SERVER_ERROR -> errorReply(500, "api_error", "Internal server error");
            case OVERLOADED -> errorReply(529, "overloaded_error", "Overloaded").withHeader("x-should-retry", "true");
        };
        enqueue(reply);
    }

    @Override
    public void streamTextThenError(List<String> fragments) {
        List<Reply.Frame> frames = textStart(new FakeUsage(10, 1));
        fragments.forEach(fragment -> frames.add(textDelta(fragment, Duration.ZERO)));
        frames.add(event("error", errorBody("overloaded_error", "Overloaded")));
        enqueue(new Reply.Stream(200, SSE_HEADERS, frames, false));
    }

    @Override
    public void streamTextThenDrop(List<String> fragments) {
        List<Reply.Frame> frames = textStart(new FakeUsage(10, 1));
        fragments.forEach(fragment -> frames.add(textDelta(fragment, Duration.ZERO)));
        // The break comes a moment after the text, as it would from a real upstream: a client on
        // the JDK's HttpClient loses bytes it has received but not yet read when the connection
        // breaks, so a break at the same instant would take the fragments with it.
        frames.add(new Reply.Frame(eventText("ping", object("ping")), DROP_DELAY));
        enqueue(new Reply.Stream(200, SSE_HEADERS, frames, true));
    }

    @Override
    public void streamSlowly(int count, long intervalMillis) {
        FakeUsage usage = new FakeUsage(10, count);
        List<Reply.Frame> frames = textStart(usage);
        for (int i = 1; i <= count; i++) {
            frames.add(textDelta(i + " ", Duration.ofMillis(intervalMillis)));
        }
        frames.add(event("content_block_stop", object("content_block_stop").put("index", 0)));
        frames.addAll(end("end_turn", usage));
        enqueue(new Reply.Stream(200, SSE_HEADERS, frames, false));
    }

    /**
     * The answer to one {@code POST /v1/messages/count_tokens}: {@code {"input_tokens": n}}
     * (https://platform.claude.com/docs/en/api/messages/count_tokens).
     */
    public void replyTokenCount(int inputTokens) {
        enqueue(Reply.Full.json(200, json(JSON.createObjectNode().put("input_tokens", inputTokens))));
    }

    /** A text answer that begins with a thinking block, as a model with extended thinking answers. */
    public void replyThinkingThenText(String thinking, String text, FakeUsage usage) {
        ArrayNode content = JSON.createArrayNode();
        content.addObject().put("type", "thinking").put("thinking", thinking).put("signature", signature(thinking));
        content.addObject().put("type", "text").put("text", text);
        enqueue(Reply.Full.json(200, json(message(content, "end_turn", usage))));
    }

    /**
     * Tool calls after thinking, as a model with thinking on answers: one signed thinking block
     * per text in {@code thinking}, then a {@code redacted_thinking} block when {@code redacted},
     * then the calls.
     */
    public void replyThinkingThenToolCalls(List<String> thinking, boolean redacted, List<FakeToolCall> calls,
            FakeUsage usage) {
        ArrayNode content = JSON.createArrayNode();
        for (String text : thinking) {
            content.addObject().put("type", "thinking").put("thinking", text).put("signature", signature(text));
        }
        if (redacted) {
            content.addObject().put("type", "redacted_thinking").put("data", redactedData());
        }
        for (FakeToolCall call : calls) {
            content.addObject().put("type", "tool_use").put("id", toolUseId()).put("name", call.name())
                    .set("input", parse(call.argumentsJson()));
        }
        enqueue(Reply.Full.json(200, json(message(content, "tool_use", usage))));
    }

    /**
     * The same answer streamed: each thinking block's text in two {@code thinking_delta}s and its
     * signature in a {@code signature_delta}, a redacted block whole in its start, then the calls.
     */
    public void streamThinkingThenToolCalls(List<String> thinking, boolean redacted, List<FakeToolCall> calls,
            FakeUsage usage) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(messageStart(usage));
        int index = 0;
        for (String text : thinking) {
            ObjectNode block = JSON.createObjectNode().put("type", "thinking").put("thinking", "");
            frames.add(event("content_block_start", object("content_block_start").put("index", index).set("content_block", block)));
            for (String piece : split(text, 2)) {
                ObjectNode delta = JSON.createObjectNode().put("type", "thinking_delta").put("thinking", piece);
                frames.add(event("content_block_delta", object("content_block_delta").put("index", index).set("delta", delta)));
            }
            ObjectNode signature = JSON.createObjectNode().put("type", "signature_delta").put("signature", signature(text));
            frames.add(event("content_block_delta", object("content_block_delta").put("index", index).set("delta", signature)));
            frames.add(event("content_block_stop", object("content_block_stop").put("index", index)));
            index++;
        }
        if (redacted) {
            ObjectNode block = JSON.createObjectNode().put("type", "redacted_thinking").put("data", redactedData());
            frames.add(event("content_block_start", object("content_block_start").put("index", index).set("content_block", block)));
            frames.add(event("content_block_stop", object("content_block_stop").put("index", index)));
            index++;
        }
        for (FakeToolCall call : calls) {
            ObjectNode block = JSON.createObjectNode().put("type", "tool_use").put("id", toolUseId()).put("name", call.name());
            block.putObject("input");
            frames.add(event("content_block_start", object("content_block_start").put("index", index).set("content_block", block)));
            for (String piece : split(json(parse(call.argumentsJson())), 2)) {
                frames.add(inputDelta(index, piece));
            }
            frames.add(event("content_block_stop", object("content_block_stop").put("index", index)));
            index++;
        }
        frames.addAll(end("tool_use", usage));
        enqueue(new Reply.Stream(200, SSE_HEADERS, frames, false));
    }

    private String signature(String thinking) {
        String signature = "sig_fake_" + ids.incrementAndGet();
        issuedThinking.put(signature, thinking);
        return signature;
    }

    private String redactedData() {
        String data = "redacted_fake_" + ids.incrementAndGet();
        issuedThinking.put(data, "");
        return data;
    }

    // ---- Anthropic's wire format ----

    private ObjectNode message(ArrayNode content, String stopReason, FakeUsage usage) {
        ObjectNode message = JSON.createObjectNode().put("id", "msg_fake_" + ids.incrementAndGet())
                .put("type", "message").put("role", "assistant").put("model", MODEL);
        message.set("content", content);
        message.put("stop_reason", stopReason).putNull("stop_sequence");
        message.set("usage", usage(usage.promptTokens(), usage.completionTokens()));
        return message;
    }

    private static ObjectNode usage(int input, int output) {
        return JSON.createObjectNode().put("input_tokens", input).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0).put("output_tokens", output);
    }

    private List<Reply.Frame> textStart(FakeUsage usage) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(messageStart(usage));
        ObjectNode block = JSON.createObjectNode().put("type", "text").put("text", "");
        frames.add(event("content_block_start", object("content_block_start").put("index", 0).set("content_block", block)));
        frames.add(event("ping", object("ping")));
        return frames;
    }

    private Reply.Frame messageStart(FakeUsage usage) {
        ObjectNode message = message(JSON.createArrayNode(), null, usage);
        message.set("usage", usage(usage.promptTokens(), 1));
        return event("message_start", object("message_start").set("message", message));
    }

    private static Reply.Frame textDelta(String text, Duration delay) {
        ObjectNode delta = JSON.createObjectNode().put("type", "text_delta").put("text", text);
        return new Reply.Frame(eventText("content_block_delta",
                object("content_block_delta").put("index", 0).set("delta", delta)), delay);
    }

    private static Reply.Frame inputDelta(int index, String partialJson) {
        ObjectNode delta = JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", partialJson);
        return event("content_block_delta", object("content_block_delta").put("index", index).set("delta", delta));
    }

    /** message_delta with the stop reason and the cumulative output count, then message_stop. */
    private static List<Reply.Frame> end(String stopReason, FakeUsage usage) {
        ObjectNode delta = object("message_delta");
        delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", usage.completionTokens());
        return List.of(event("message_delta", delta), event("message_stop", object("message_stop")));
    }

    private static Reply.Full errorReply(int status, String type, String message) {
        return new Reply.Full(status, Map.of("content-type", "application/json", "request-id", "req_fake_error"),
                json(errorBody(type, message)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ObjectNode errorBody(String type, String message) {
        ObjectNode body = object("error");
        body.putObject("error").put("type", type).put("message", message);
        return body.put("request_id", "req_fake_error");
    }

    /** The error type Anthropic sends with a status (https://platform.claude.com/docs/en/api/errors). */
    private static String errorType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private String toolUseId() {
        return "toolu_fake_" + ids.incrementAndGet();
    }

    private static ObjectNode object(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static Reply.Frame event(String name, JsonNode data) {
        return Reply.Frame.of(eventText(name, data));
    }

    private static String eventText(String name, JsonNode data) {
        return "event: " + name + "\ndata: " + json(data) + "\n\n";
    }

    /** {@code text} in {@code parts} pieces of about equal length, never splitting a surrogate pair. */
    private static List<String> split(String text, int parts) {
        List<String> pieces = new ArrayList<>();
        int size = Math.max(1, text.length() / parts);
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a scripted tool call's arguments are not JSON: " + json, e);
        }
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
