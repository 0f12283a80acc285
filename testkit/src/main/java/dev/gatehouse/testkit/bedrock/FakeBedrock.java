package dev.gatehouse.testkit.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Bedrock runtime on loopback: {@code POST /model/{modelId}/converse} answered in JSON
 * and {@code /converse-stream} in {@code application/vnd.amazon.eventstream} frames; also
 * {@code /invoke} for the embedding models {@link InvokeEmbedRules} knows ({@link #replyEmbeddings})
 * ({@link EventStreamFrames}), as
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html and
 * API_runtime_ConverseStream.html describe them.
 *
 * <p>Strict: every request must carry a valid Signature Version 4 for the service
 * {@code bedrock} in {@link #REGION}, made with {@link #ACCESS_KEY_ID} and {@link #apiKey()}
 * as the secret (checked by recomputing it, {@link SigV4Check}), or a Bedrock API key
 * ({@code Authorization: Bearer} {@link #apiKey()}); the body must pass {@link ConverseRules}.
 * Errors come as Bedrock sends them: the type in {@code x-amzn-ErrorType}, the body
 * {@code {"message":…}}. Stream payloads carry the {@code p} padding field real streams have.
 */
public final class FakeBedrock extends FakeProvider implements ScriptableFake {

    public static final String REGION = "us-west-2";
    public static final String ACCESS_KEY_ID = "AKIDFAKEBEDROCK00001";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("/model/([^/]+)/(converse|converse-stream|invoke)");
    private static final Map<String, String> EVENT_STREAM = Map.of("content-type", "application/vnd.amazon.eventstream");

    private final AtomicInteger ids = new AtomicInteger();
    /** What the fake issued, for the check of reasoning sent back: signature → its text, redacted data → "". */
    private final Map<String, String> issuedReasoning = new ConcurrentHashMap<>();
    private final String sessionToken;
    private final Clock clock;

    public FakeBedrock() {
        this(null);
    }

    /** A fake that expects temporary credentials: this session token on every request. */
    public FakeBedrock(String sessionToken) {
        this.sessionToken = sessionToken;
        this.clock = Clock.systemUTC();
    }

    /** The secret access key (and the Bedrock API key) the fake accepts. */
    @Override
    public String apiKey() {
        return "fakeBedrockSecretKey/K7MDENG+bPxRfiCYEXAMPLEKEY";
    }

    @Override
    protected String name() {
        return "FakeBedrock";
    }

    @Override
    protected Optional<Violation> check(RecordedRequest request) {
        Matcher path = PATH.matcher(request.pathOnly());
        if (!request.method().equals("POST") || !path.matches()) {
            return Optional.of(new Violation(404, "UnknownOperationException: " + request.method() + " " + request.path()));
        }
        String auth = request.header("authorization").orElse("");
        if (auth.startsWith("Bearer ")) {
            if (!auth.equals("Bearer " + apiKey())) {
                return Optional.of(new Violation(403, "UnrecognizedClientException: Invalid API Key format"));
            }
        } else {
            Optional<SigV4Check.Refusal> refusal = SigV4Check.check(request, ACCESS_KEY_ID, apiKey(), REGION, "bedrock",
                    sessionToken, clock.instant());
            if (refusal.isPresent()) {
                return Optional.of(new Violation(403, refusal.get().type() + ": " + refusal.get().message()));
            }
        }
        String model = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        if (model.isBlank()) {
            return Optional.of(new Violation(400, "ValidationException: modelId must not be empty"));
        }
        if (!request.header("content-type").orElse("").startsWith("application/json")) {
            return Optional.of(new Violation(400, "ValidationException: content-type must be application/json"));
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (IOException e) {
            return Optional.of(new Violation(400, "ValidationException: Malformed input request, please reformat "
                    + "your input and try again."));
        }
        if (path.group(2).equals("invoke")) {
            return InvokeEmbedRules.check(model, body).map(message -> new Violation(400, "ValidationException: " + message));
        }
        return ConverseRules.check(body).or(() -> ConverseThinkingRules.check(body, issuedReasoning))
                .map(message -> new Violation(400, "ValidationException: " + message));
    }

    /**
     * Answers the next {@code calls} InvokeModel calls of embedding models from their bodies. The
     * embedding of a text is {@code [length of the text, position in this call, 0.25, …]}, with
     * {@code dimensions} values for Titan (1024 by default) and 1024 for Cohere Embed v3; its token
     * count is the text's length. Titan answers {@code {"embedding","inputTextTokenCount",
     * "embeddingsByType"}}; Cohere answers {@code {"id","embeddings","texts","response_type"}}, with
     * {@code embeddings} by type when the request names {@code embedding_types} and a plain list
     * otherwise, and the token count in the {@code x-amzn-bedrock-input-token-count} header.
     */
    public void replyEmbeddings(int calls) {
        for (int call = 0; call < calls; call++) {
            enqueue((Reply.Deferred) this::embeddings);
        }
    }

    private Reply embeddings(RecordedRequest request) {
        Matcher path = PATH.matcher(request.pathOnly());
        String model = path.matches() ? URLDecoder.decode(path.group(1), StandardCharsets.UTF_8) : "";
        JsonNode body = request.json();
        ObjectNode answer = MAPPER.createObjectNode();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-amzn-requestid", requestId());
        if (InvokeEmbedRules.isTitan(model)) {
            String text = body.path("inputText").asText();
            ArrayNode vector = fakeVector(text, 0, body.path("dimensions").asInt(1024));
            answer.set("embedding", vector);
            answer.put("inputTextTokenCount", text.length());
            answer.putObject("embeddingsByType").set("float", vector.deepCopy());
            headers.put("x-amzn-bedrock-input-token-count", String.valueOf(text.length()));
        } else {
            ArrayNode vectors = MAPPER.createArrayNode();
            ArrayNode texts = answer.put("id", "embed-" + ids.incrementAndGet()).putArray("texts");
            int tokens = 0;
            for (int i = 0; i < body.path("texts").size(); i++) {
                String text = body.path("texts").get(i).asText();
                texts.add(text);
                tokens += text.length();
                vectors.add(fakeVector(text, i, 1024));
            }
            if (body.has("embedding_types")) {
                answer.putObject("embeddings").set("float", vectors);
                answer.put("response_type", "embeddings_by_type");
            } else {
                answer.set("embeddings", vectors);
                answer.put("response_type", "embeddings_floats");
            }
            headers.put("x-amzn-bedrock-input-token-count", String.valueOf(tokens));
        }
        return new Reply.Full(200, headers, json(answer));
    }

    private static ArrayNode fakeVector(String text, int position, int dims) {
        ArrayNode vector = MAPPER.createArrayNode().add(text.length());
        if (dims > 1) {
            vector.add(position);
        }
        for (int d = 2; d < dims; d++) {
            vector.add(0.25);
        }
        return vector;
    }

    /** A violation's message starts with the error type, as {@link #check} writes it. */
    @Override
    protected Reply error(int status, String message) {
        int colon = message.indexOf(": ");
        String type = colon > 0 && !message.substring(0, colon).contains(" ") ? message.substring(0, colon)
                : "ValidationException";
        return errorReply(status, type, colon > 0 ? message.substring(colon + 2) : message);
    }

    private Reply.Full errorReply(int status, String type, String message) {
        return new Reply.Full(status, Map.of("content-type", "application/json",
                "x-amzn-errortype", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/",
                "x-amzn-requestid", requestId()), json(MAPPER.createObjectNode().put("message", message)));
    }

    // ---- scenarios ----

    @Override
    public void replyText(String text, FakeUsage usage) {
        ArrayNode content = MAPPER.createArrayNode();
        content.addObject().put("text", text);
        enqueue(converse(content, "end_turn", usage));
    }

    @Override
    public void replyToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        ArrayNode content = MAPPER.createArrayNode();
        for (FakeToolCall call : calls) {
            ObjectNode use = content.addObject().putObject("toolUse");
            use.put("toolUseId", toolUseId()).put("name", call.name()).set("input", parse(call.argumentsJson()));
        }
        enqueue(converse(content, "tool_use", usage));
    }

    /**
     * Tool calls after reasoning, as Claude with thinking on answers: one signed
     * {@code reasoningText} block per text in {@code reasoning}, a {@code redactedContent} block
     * when {@code redacted}, then the calls.
     */
    public void replyReasoningThenToolCalls(List<String> reasoning, boolean redacted, List<FakeToolCall> calls,
            FakeUsage usage) {
        ArrayNode content = MAPPER.createArrayNode();
        for (String text : reasoning) {
            content.addObject().putObject("reasoningContent").putObject("reasoningText").put("text", text)
                    .put("signature", signature(text));
        }
        if (redacted) {
            content.addObject().putObject("reasoningContent").put("redactedContent", redactedData());
        }
        for (FakeToolCall call : calls) {
            ObjectNode use = content.addObject().putObject("toolUse");
            use.put("toolUseId", toolUseId()).put("name", call.name()).set("input", parse(call.argumentsJson()));
        }
        enqueue(converse(content, "tool_use", usage));
    }

    /** The same answer streamed: reasoning text in two deltas, then its signature, per block; then the calls. */
    public void streamReasoningThenToolCalls(List<String> reasoning, boolean redacted, List<FakeToolCall> calls,
            FakeUsage usage) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(frame("messageStart", MAPPER.createObjectNode().put("role", "assistant")));
        int index = 0;
        for (String text : reasoning) {
            int half = text.length() / 2;
            for (String piece : List.of(text.substring(0, half), text.substring(half))) {
                ObjectNode delta = MAPPER.createObjectNode().put("contentBlockIndex", index);
                delta.putObject("delta").putObject("reasoningContent").put("text", piece);
                frames.add(frame("contentBlockDelta", delta));
            }
            ObjectNode signature = MAPPER.createObjectNode().put("contentBlockIndex", index);
            signature.putObject("delta").putObject("reasoningContent").put("signature", signature(text));
            frames.add(frame("contentBlockDelta", signature));
            frames.add(frame("contentBlockStop", MAPPER.createObjectNode().put("contentBlockIndex", index)));
            index++;
        }
        if (redacted) {
            ObjectNode delta = MAPPER.createObjectNode().put("contentBlockIndex", index);
            delta.putObject("delta").putObject("reasoningContent").put("redactedContent", redactedData());
            frames.add(frame("contentBlockDelta", delta));
            frames.add(frame("contentBlockStop", MAPPER.createObjectNode().put("contentBlockIndex", index)));
            index++;
        }
        for (FakeToolCall call : calls) {
            ObjectNode start = MAPPER.createObjectNode().put("contentBlockIndex", index);
            start.putObject("start").putObject("toolUse").put("toolUseId", toolUseId()).put("name", call.name());
            frames.add(frame("contentBlockStart", start));
            ObjectNode delta = MAPPER.createObjectNode().put("contentBlockIndex", index);
            delta.putObject("delta").putObject("toolUse").put("input", call.argumentsJson());
            frames.add(frame("contentBlockDelta", delta));
            frames.add(frame("contentBlockStop", MAPPER.createObjectNode().put("contentBlockIndex", index)));
            index++;
        }
        frames.add(frame("messageStop", MAPPER.createObjectNode().put("stopReason", "tool_use")));
        frames.add(frame("metadata", metadata(usage)));
        enqueue(stream(frames, false));
    }

    private String signature(String text) {
        String signature = "sig_fake_bedrock_" + ids.incrementAndGet();
        issuedReasoning.put(signature, text);
        return signature;
    }

    private String redactedData() {
        String data = java.util.Base64.getEncoder().encodeToString(("redacted " + ids.incrementAndGet())
                .getBytes(StandardCharsets.UTF_8));
        issuedReasoning.put(data, "");
        return data;
    }

    @Override
    public void streamText(List<String> fragments, FakeUsage usage) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(frame("messageStart", MAPPER.createObjectNode().put("role", "assistant")));
        for (String fragment : fragments) {
            frames.add(textDelta(0, fragment, Duration.ZERO));
        }
        frames.add(frame("contentBlockStop", MAPPER.createObjectNode().put("contentBlockIndex", 0)));
        frames.add(frame("messageStop", MAPPER.createObjectNode().put("stopReason", "end_turn")));
        frames.add(frame("metadata", metadata(usage)));
        enqueue(stream(frames, false));
    }

    @Override
    public void streamToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(frame("messageStart", MAPPER.createObjectNode().put("role", "assistant")));
        for (int i = 0; i < calls.size(); i++) {
            FakeToolCall call = calls.get(i);
            ObjectNode start = MAPPER.createObjectNode().put("contentBlockIndex", i);
            start.putObject("start").putObject("toolUse").put("toolUseId", toolUseId()).put("name", call.name());
            frames.add(frame("contentBlockStart", start));
            String arguments = call.argumentsJson();
            int half = arguments.length() / 2;
            for (String fragment : List.of(arguments.substring(0, half), arguments.substring(half))) {
                ObjectNode delta = MAPPER.createObjectNode().put("contentBlockIndex", i);
                delta.putObject("delta").putObject("toolUse").put("input", fragment);
                frames.add(frame("contentBlockDelta", delta));
            }
            frames.add(frame("contentBlockStop", MAPPER.createObjectNode().put("contentBlockIndex", i)));
        }
        frames.add(frame("messageStop", MAPPER.createObjectNode().put("stopReason", "tool_use")));
        frames.add(frame("metadata", metadata(usage)));
        enqueue(stream(frames, false));
    }

    @Override
    public void replyError(ErrorKind kind) {
        enqueue(switch (kind) {
            case BAD_REQUEST -> errorReply(400, "ValidationException", "The provided request is not valid");
            case AUTHENTICATION -> errorReply(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
            case PERMISSION -> errorReply(403, "AccessDeniedException",
                    "You don't have access to the model with the specified model ID.");
            case NOT_FOUND -> errorReply(404, "ResourceNotFoundException", "Could not resolve the foundation model "
                    + "from the provided model identifier.");
            // Bedrock documents no retry hint; a Retry-After header (from AWS or a proxy in front) is honoured.
            case RATE_LIMITED -> errorReply(429, "ThrottlingException",
                    "Too many requests, please wait before trying again.").withHeader("retry-after", "7");
            case CONTEXT_LENGTH -> errorReply(400, "ValidationException", "Input is too long for requested model.");
            case SERVER_ERROR -> errorReply(500, "InternalServerException", "The server encountered an internal error.");
            case OVERLOADED -> errorReply(503, "ServiceUnavailableException", "Service is unavailable. Try again later.");
        });
    }

    @Override
    public void streamTextThenError(List<String> fragments) {
        List<Reply.Frame> frames = textFrames(fragments);
        frames.add(Reply.Frame.of(EventStreamFrames.exception("internalServerException",
                text(MAPPER.createObjectNode().put("message", "The server encountered an internal error.")))));
        enqueue(stream(frames, false));
    }

    @Override
    public void streamTextThenDrop(List<String> fragments) {
        enqueue(stream(textFrames(fragments), true));
    }

    @Override
    public void streamSlowly(int count, long intervalMillis) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(frame("messageStart", MAPPER.createObjectNode().put("role", "assistant")));
        for (int i = 0; i < count; i++) {
            frames.add(textDelta(0, i + " ", Duration.ofMillis(intervalMillis)));
        }
        frames.add(frame("contentBlockStop", MAPPER.createObjectNode().put("contentBlockIndex", 0)));
        frames.add(frame("messageStop", MAPPER.createObjectNode().put("stopReason", "end_turn")));
        frames.add(frame("metadata", metadata(new FakeUsage(5, count))));
        enqueue(stream(frames, false));
    }

    /**
     * A stream whose frames after these text fragments are {@code tail}, raw bytes (a corrupted or
     * cut-off frame), and then the body ends normally: for testing the event-stream checks.
     */
    public void streamTextThenRawBytes(List<String> fragments, byte[] tail) {
        List<Reply.Frame> frames = textFrames(fragments);
        frames.add(Reply.Frame.of(tail));
        enqueue(stream(frames, false));
    }

    /** The frame of one text delta, as the stream carries it (for building corrupted variants). */
    public static byte[] textDeltaFrame(String text) {
        ObjectNode delta = MAPPER.createObjectNode().put("contentBlockIndex", 0);
        delta.putObject("delta").put("text", text);
        return EventStreamFrames.event("contentBlockDelta", padded(delta));
    }

    // ---- Bedrock's shapes ----

    private List<Reply.Frame> textFrames(List<String> fragments) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(frame("messageStart", MAPPER.createObjectNode().put("role", "assistant")));
        for (String fragment : fragments) {
            frames.add(textDelta(0, fragment, Duration.ZERO));
        }
        return frames;
    }

    private Reply converse(ArrayNode content, String stopReason, FakeUsage usage) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode message = body.putObject("output").putObject("message").put("role", "assistant");
        message.set("content", content);
        body.put("stopReason", stopReason);
        body.set("usage", usage(usage));
        body.putObject("metrics").put("latencyMs", 321);
        return new Reply.Full(200, Map.of("content-type", "application/json", "x-amzn-requestid", requestId()),
                json(body));
    }

    private static ObjectNode usage(FakeUsage usage) {
        return MAPPER.createObjectNode().put("inputTokens", usage.promptTokens())
                .put("outputTokens", usage.completionTokens())
                .put("totalTokens", usage.promptTokens() + usage.completionTokens());
    }

    private static ObjectNode metadata(FakeUsage usage) {
        ObjectNode metadata = MAPPER.createObjectNode();
        metadata.set("usage", usage(usage));
        metadata.putObject("metrics").put("latencyMs", 321);
        return metadata;
    }

    private static Reply.Frame textDelta(int block, String text, Duration delay) {
        ObjectNode delta = MAPPER.createObjectNode().put("contentBlockIndex", block);
        delta.putObject("delta").put("text", text);
        return new Reply.Frame(EventStreamFrames.event("contentBlockDelta", padded(delta)), delay);
    }

    private static Reply.Frame frame(String eventType, ObjectNode payload) {
        return Reply.Frame.of(EventStreamFrames.event(eventType, padded(payload)));
    }

    /** Bedrock pads event payloads with a {@code p} field of varying length, to hide the size of the content. */
    private static String padded(ObjectNode payload) {
        ObjectNode copy = payload.deepCopy();
        copy.put("p", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ".substring(0, 1 + (payload.toString().length() % 30)));
        return text(copy);
    }

    private Reply stream(List<Reply.Frame> frames, boolean dropAtEnd) {
        Map<String, String> headers = new LinkedHashMap<>(EVENT_STREAM);
        headers.put("x-amzn-requestid", requestId());
        return new Reply.Stream(200, headers, frames, dropAtEnd);
    }

    private String toolUseId() {
        return "tooluse_fake" + ids.incrementAndGet();
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the scripted arguments are not JSON", e);
        }
    }

    private static byte[] json(JsonNode node) {
        return text(node).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
