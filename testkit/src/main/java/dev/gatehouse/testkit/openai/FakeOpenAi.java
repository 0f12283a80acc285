package dev.gatehouse.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strict fake of OpenAI's Chat Completions endpoint, or of one member of the compatible
 * family ({@link Dialect}). Responses and streams follow the shapes of OpenAI's API reference:
 * {@code chat.completion} objects, {@code data:} chunks ended by {@code data: [DONE]}, the
 * usage chunk only when {@code stream_options.include_usage} asks for it.
 */
public final class FakeOpenAi extends FakeProvider implements ScriptableFake {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SSE = Map.of("content-type", "text/event-stream");

    private final Dialect dialect;
    private final FakeResponses responses = new FakeResponses(this);

    public FakeOpenAi() {
        this(Dialect.OPENAI);
    }

    public FakeOpenAi(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Scripts the replies to OpenAI's Responses API (OpenAI's and Azure's dialects only). */
    public FakeResponses responses() {
        return responses;
    }

    /** The API root deployments point at: the server plus the dialect's path prefix. */
    @Override
    public URI baseUrl() {
        return URI.create(super.baseUrl() + dialect.pathPrefix());
    }

    @Override
    protected String name() {
        return "fake " + dialect.name();
    }

    @Override
    protected Optional<Violation> check(RecordedRequest request) {
        if (dialect.azure()) {
            Optional<Violation> azure = AzureRules.check(request, apiKey());
            if (azure.isPresent()) {
                return azure;
            }
        } else if (!request.method().equals("POST") || !request.pathOnly().equals(dialect.pathPrefix() + "/chat/completions")
                && !(takesResponses() && request.pathOnly().equals(dialect.pathPrefix() + "/responses"))) {
            return Optional.of(new Violation(404, "unknown endpoint " + request.method() + " " + request.path()));
        }
        String auth = request.header("authorization").orElse(null);
        if (dialect.requiresKey() && !dialect.azure() && !("Bearer " + apiKey()).equals(auth)) {
            return Optional.of(new Violation(401, "Incorrect API key provided (authorization header: "
                    + (auth == null ? "missing" : "wrong") + ")"));
        }
        if (!request.header("content-type").orElse("").startsWith("application/json")) {
            return Optional.of(new Violation(400, "content-type must be application/json"));
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return Optional.of(new Violation(400, "We could not parse the JSON body of your request."));
        }
        if (request.pathOnly().endsWith("/responses")) {
            return ResponsesRequestCheck.check(body);
        }
        return OpenAiRequestCheck.check(body, dialect).map(message -> new Violation(400, message));
    }

    /** Only OpenAI's own API and Azure OpenAI are faked with the Responses API. */
    private boolean takesResponses() {
        return dialect == Dialect.OPENAI || dialect.azure();
    }

    /** OpenAI's error names the field at fault and a code where the API does (the Responses API's checks). */
    @Override
    protected Reply error(Violation violation) {
        return errorReply(violation.status(), violation.message(), "invalid_request_error", violation.code(),
                violation.param());
    }

    @Override
    protected Reply error(int status, String message) {
        return errorReply(status, message, "invalid_request_error", null);
    }

    static Reply.Full errorReply(int status, String message, String type, String code) {
        return errorReply(status, message, type, code, null);
    }

    private static Reply.Full errorReply(int status, String message, String type, String code, String param) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return Reply.Full.json(status, body.toString());
    }

    // ---- the scenario vocabulary ----

    @Override
    public void replyText(String text, FakeUsage usage) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
        message.putNull("refusal");
        enqueue(Reply.Full.json(200, completion(message, "stop", usage).toString()));
    }

    @Override
    public void replyToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        message.putNull("refusal");
        ArrayNode toolCalls = message.putArray("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode call = toolCalls.addObject().put("id", "call_" + i + "_fake").put("type", "function");
            call.putObject("function").put("name", calls.get(i).name()).put("arguments", calls.get(i).argumentsJson());
        }
        enqueue(Reply.Full.json(200, completion(message, "tool_calls", usage).toString()));
    }

    @Override
    public void streamText(List<String> fragments, FakeUsage usage) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(frame(chunk(delta().put("role", "assistant").put("content", ""), null)));
        for (String fragment : fragments) {
            frames.add(frame(chunk(delta().put("content", fragment), null)));
        }
        enqueue(finish(frames, "stop", usage));
    }

    @Override
    public void streamToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        List<Reply.Frame> frames = new ArrayList<>();
        ObjectNode first = delta().put("role", "assistant");
        first.putNull("content");
        frames.add(frame(chunk(first, null)));
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode start = delta();
            ObjectNode call = start.putArray("tool_calls").addObject().put("index", i).put("id", "call_" + i + "_fake")
                    .put("type", "function");
            call.putObject("function").put("name", calls.get(i).name()).put("arguments", "");
            frames.add(frame(chunk(start, null)));
            String arguments = calls.get(i).argumentsJson();
            int half = arguments.length() / 2;
            for (String piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
                ObjectNode more = delta();
                more.putArray("tool_calls").addObject().put("index", i).putObject("function").put("arguments", piece);
                frames.add(frame(chunk(more, null)));
            }
        }
        enqueue(finish(frames, "tool_calls", usage));
    }

    @Override
    public void replyError(ErrorKind kind) {
        enqueue(errorFor(kind, apiKey()));
    }

    /** OpenAI's error response of this kind (the Completions API's are the same). */
    static Reply.Full errorFor(ErrorKind kind, String apiKey) {
        return switch (kind) {
            case BAD_REQUEST -> errorReply(400, "Invalid value for 'temperature'.", "invalid_request_error", null);
            case AUTHENTICATION -> errorReply(401, "Incorrect API key provided: " + apiKey.substring(0, 3)
                    + "****. You can find your API key in your account settings.", "invalid_request_error",
                    "invalid_api_key");
            case PERMISSION -> errorReply(403, "You are not allowed to sample from this model",
                    "invalid_request_error", null);
            case NOT_FOUND -> errorReply(404, "The model 'test-model' does not exist or you do not have access to it.",
                    "invalid_request_error", "model_not_found");
            case RATE_LIMITED -> errorReply(429, "Rate limit reached for requests", "requests", "rate_limit_exceeded")
                    .withHeader("retry-after", "7");
            case CONTEXT_LENGTH -> errorReply(400, "This model's maximum context length is 8192 tokens. However, your "
                    + "messages resulted in 8227 tokens.", "invalid_request_error", "context_length_exceeded");
            case SERVER_ERROR -> errorReply(500, "The server had an error while processing your request.",
                    "server_error", null);
            case OVERLOADED -> errorReply(503, "The engine is currently overloaded, please try again later.",
                    "server_error", null);
        };
    }

    @Override
    public void streamTextThenError(List<String> fragments) {
        List<Reply.Frame> frames = textFrames(fragments);
        frames.add(streamedServerError());
        enqueue(new Reply.Stream(200, SSE, frames, false));
    }

    /** The event OpenAI sends when it fails in the middle of a stream (shared with the Completions fake). */
    static Reply.Frame streamedServerError() {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", "The server had an error while processing your request.")
                .put("type", "server_error").put("code", 500);
        return Reply.Frame.of("data: " + error + "\n\n");
    }

    @Override
    public void streamTextThenDrop(List<String> fragments) {
        enqueue(new Reply.Stream(200, SSE, textFrames(fragments), true));
    }

    @Override
    public void streamSlowly(int count, long intervalMillis) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(frame(chunk(delta().put("role", "assistant").put("content", ""), null)));
        for (int i = 0; i < count; i++) {
            frames.add(new Reply.Frame(sse(chunk(delta().put("content", i + " "), null)), Duration.ofMillis(intervalMillis)));
        }
        enqueue(finish(frames, "stop", null));
    }

    // ---- shapes ----

    private List<Reply.Frame> textFrames(List<String> fragments) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(frame(chunk(delta().put("role", "assistant").put("content", ""), null)));
        for (String fragment : fragments) {
            frames.add(frame(chunk(delta().put("content", fragment), null)));
        }
        return frames;
    }

    /**
     * The finishing chunk, then usage as the dialect sends it: OpenAI only when the request
     * asked (decided when the reply is played); Mistral on the last chunk, always.
     */
    private Reply finish(List<Reply.Frame> frames, String reason, FakeUsage usage) {
        ObjectNode last = chunk(delta(), reason);
        if (dialect.usageOnLastChunk() && usage != null) {
            last.set("usage", usage(usage));
        }
        frames.add(frame(last));
        Reply.Frame usageFrame = null;
        if (!dialect.usageOnLastChunk() && usage != null) {
            ObjectNode usageChunk = chunk(null, null);
            usageChunk.set("usage", usage(usage));
            usageFrame = frame(usageChunk);
        }
        return new UsageAwareStream(frames, usageFrame, dialect.azure());
    }

    /** Azure's refusal of a prompt by its content filter: a 400 with code content_filter and the filter's results. */
    public void replyContentFiltered() {
        enqueue(AzureRules.contentFiltered());
    }

    private ObjectNode completion(ObjectNode message, String finishReason, FakeUsage usage) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion")
                .put("created", 1_710_000_000L).put("model", "test-model");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        body.set("usage", usage(usage));
        body.put("system_fingerprint", "fp_fake");
        if (dialect.azure()) {
            AzureRules.annotateCompletion(body);
        }
        return body;
    }

    private static ObjectNode usage(FakeUsage usage) {
        ObjectNode node = JSON.createObjectNode().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.promptTokens() + usage.completionTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", 0);
        node.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        return node;
    }

    private static ObjectNode delta() {
        return JSON.createObjectNode();
    }

    /** A chunk with one choice carrying {@code delta}, or no choices when delta is null (the usage chunk). */
    private static ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("created", 1_710_000_000L).put("model", "test-model");
        ArrayNode choices = chunk.putArray("choices");
        if (delta != null) {
            ObjectNode choice = choices.addObject().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason);
            }
        }
        return chunk;
    }

    private Reply.Frame frame(ObjectNode chunk) {
        if (dialect.azure()) {
            AzureRules.annotateChunk(chunk);
        }
        return Reply.Frame.of(sse(chunk));
    }

    private static String sse(ObjectNode chunk) {
        return "data: " + chunk + "\n\n";
    }

    /**
     * A stream whose OpenAI-style usage chunk is sent only when the request asked for it with
     * {@code stream_options.include_usage}, as OpenAI does.
     */
    private record UsageAwareStream(List<Reply.Frame> body, Reply.Frame usage, boolean azure) implements Reply.Deferred {
        @Override
        public Reply resolve(RecordedRequest request) {
            boolean wantsUsage = request.json().path("stream_options").path("include_usage").asBoolean(false);
            List<Reply.Frame> played = new ArrayList<>(body);
            if (usage != null && wantsUsage) {
                played.add(usage);
            }
            played.add(Reply.Frame.of("data: [DONE]\n\n"));
            if (azure) {
                played.addFirst(Reply.Frame.of(sse(AzureRules.promptFilterChunk())));
            }
            return new Reply.Stream(200, SSE, played, false);
        }
    }
}
