package dev.gatehouse.testkit.sagemaker;

import static dev.gatehouse.testkit.sagemaker.SageMakerShapes.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.bedrock.EventStreamFrames;
import dev.gatehouse.testkit.bedrock.SigV4Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake SageMaker Runtime on loopback: {@code POST /endpoints/{name}/invocations} answered in
 * JSON and {@code /invocations-response-stream} in {@code application/vnd.amazon.eventstream}
 * {@code PayloadPart} events, each server-sent event of the container split across two parts (as
 * SageMaker may split them), as
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html and
 * API_runtime_InvokeEndpointWithResponseStream.html describe them. The container behind it speaks
 * the formats Gatehouse sends, told apart by the body: TGI's text generation ({@code inputs}), the
 * Messages API ({@code messages}) and TEI's embeddings ({@code inputs} as a list), checked by
 * {@link InvokeRules}.
 *
 * <p>Strict: every request must carry a valid Signature Version 4 for the service
 * {@code sagemaker} in {@link #REGION}, made with {@link #ACCESS_KEY_ID} and {@link #apiKey()}
 * as the secret (recomputed by {@link SigV4Check}), and, when {@link #requireInferenceComponent}
 * named one, that inference component in {@code X-Amzn-SageMaker-Inference-Component}. Errors
 * come as SageMaker sends them: the type in {@code x-amzn-ErrorType}, a JSON body with
 * {@code Message}, and a container's refusal as a {@code ModelError} with
 * {@code OriginalStatusCode} and {@code OriginalMessage}.
 */
public final class FakeSageMaker extends FakeProvider implements ScriptableFake {

    public static final String REGION = "us-west-2";
    public static final String ACCESS_KEY_ID = "AKIDFAKESAGEMAKER001";

    private static final Pattern PATH = Pattern.compile("/endpoints/([^/]+)/(invocations|invocations-response-stream)");
    private static final String ERROR_NAMESPACE = ":http://internal.amazon.com/coral/com.amazon.sagemaker.runtime/";

    private final Clock clock = Clock.systemUTC();
    private volatile String inferenceComponent;

    /** The secret access key the fake accepts. */
    @Override
    public String apiKey() {
        return "fakeSageMakerSecretKey/K7MDENG+bPxRfiCYEXAMPLEKEY";
    }

    /** Requires this inference component on every request, as an endpoint that hosts several does. */
    public void requireInferenceComponent(String name) {
        this.inferenceComponent = name;
    }

    @Override
    protected String name() {
        return "FakeSageMaker";
    }

    @Override
    protected Optional<Violation> check(RecordedRequest request) {
        Matcher path = PATH.matcher(request.pathOnly());
        if (!request.method().equals("POST") || !path.matches()) {
            return Optional.of(new Violation(404, "UnknownOperationException: " + request.method() + " " + request.path()));
        }
        Optional<SigV4Check.Refusal> refusal = SigV4Check.check(request, ACCESS_KEY_ID, apiKey(), REGION, "sagemaker",
                null, clock.instant());
        if (refusal.isPresent()) {
            return Optional.of(new Violation(403, refusal.get().type() + ": " + refusal.get().message()));
        }
        String component = request.header("x-amzn-sagemaker-inference-component").orElse(null);
        if (inferenceComponent != null && !inferenceComponent.equals(component)) {
            return Optional.of(new Violation(400, "ValidationError: Inference Component Name header is required for"
                    + " endpoints to which you plan to deploy inference components."));
        }
        if (!request.header("content-type").orElse("").startsWith("application/json")) {
            return Optional.of(new Violation(400, "ModelError: the container takes application/json"));
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (IOException e) {
            return Optional.of(new Violation(400, "ModelError: Failed to parse the request body as JSON"));
        }
        if (body == null) {
            return Optional.of(new Violation(400, "ModelError: the request has no body"));
        }
        return InvokeRules.check(body, path.group(2).equals("invocations-response-stream"))
                .map(message -> new Violation(400, "ModelError: " + message));
    }

    /** A violation's message starts with the error type; a ModelError is the container's 422. */
    @Override
    protected Reply error(int status, String message) {
        int colon = message.indexOf(": ");
        String type = colon > 0 && !message.substring(0, colon).contains(" ") ? message.substring(0, colon)
                : "ValidationError";
        String text = colon > 0 ? message.substring(colon + 2) : message;
        return type.equals("ModelError") ? modelError(422, text) : errorReply(status, type, text);
    }

    private Reply.Full errorReply(int status, String type, String message) {
        return new Reply.Full(status, Map.of("content-type", "application/json", "x-amzn-errortype",
                type + ERROR_NAMESPACE, "x-amzn-requestid", requestId()),
                bytes(SageMakerShapes.text(MAPPER.createObjectNode().put("Message", message))));
    }

    /** The container answered SageMaker with {@code status}: SageMaker's ModelError (424) carrying it. */
    private Reply.Full modelError(int status, String containerMessage) {
        ObjectNode body = MAPPER.createObjectNode().put("ErrorCode", status >= 500 ? "SERVER_ERROR_FROM_MODEL"
                : "CLIENT_ERROR_FROM_MODEL")
                .put("LogStreamArn", "arn:aws:logs:us-west-2:123456789012:log-group:/aws/sagemaker/Endpoints/fake")
                .put("Message", "Received client error (" + status + ") from primary with message \""
                        + containerMessage + "\". See the endpoint's logs for more information.")
                .put("OriginalMessage", containerMessage).put("OriginalStatusCode", status);
        return new Reply.Full(424, Map.of("content-type", "application/json", "x-amzn-errortype",
                "ModelError" + ERROR_NAMESPACE, "x-amzn-requestid", requestId()), bytes(SageMakerShapes.text(body)));
    }

    // ---- scenarios ----

    @Override
    public void replyText(String text, FakeUsage usage) {
        enqueue((Reply.Deferred) request -> json(InvokeRules.isTextGeneration(request.json())
                ? SageMakerShapes.generated(text, usage, asksDetails(request), "eos_token")
                : SageMakerShapes.chatCompletion(text, List.of(), "stop", usage, "")));
    }

    /**
     * Answers the next {@code calls} embedding calls as TEI does: one vector per input text,
     * {@code [length of the text, position in this call, 0.25, 0.25]}.
     */
    public void replyEmbeddings(int calls) {
        for (int call = 0; call < calls; call++) {
            enqueue((Reply.Deferred) request -> {
                ArrayNode vectors = MAPPER.createArrayNode();
                JsonNode inputs = request.json().path("inputs");
                for (int i = 0; i < inputs.size(); i++) {
                    vectors.addArray().add(inputs.get(i).asText().length()).add(i).add(0.25).add(0.25);
                }
                return json(SageMakerShapes.text(vectors));
            });
        }
    }

    @Override
    public void replyToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        enqueue((Reply.Deferred) request -> InvokeRules.isTextGeneration(request.json())
                ? modelError(422, "the text-generation format has no tools")
                : json(SageMakerShapes.chatCompletion(null, calls, "tool_calls", usage, "call_" + requestId() + "_")));
    }

    @Override
    public void streamText(List<String> fragments, FakeUsage usage) {
        enqueue((Reply.Deferred) request -> stream(textEvents(request, fragments, usage, Duration.ZERO, true), false));
    }

    @Override
    public void streamToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        enqueue((Reply.Deferred) request -> {
            if (InvokeRules.isTextGeneration(request.json())) {
                return modelError(422, "the text-generation format has no tools");
            }
            List<String> events = new ArrayList<>();
            events.add(SageMakerShapes.chunk(MAPPER.createObjectNode().put("role", "assistant"), null));
            for (int i = 0; i < calls.size(); i++) {
                String arguments = calls.get(i).argumentsJson();
                int half = arguments.length() / 2;
                ObjectNode start = MAPPER.createObjectNode();
                start.putArray("tool_calls").addObject().put("index", i).put("id", "call_fake_" + i)
                        .put("type", "function").putObject("function").put("name", calls.get(i).name())
                        .put("arguments", arguments.substring(0, half));
                events.add(SageMakerShapes.chunk(start, null));
                ObjectNode rest = MAPPER.createObjectNode();
                rest.putArray("tool_calls").addObject().put("index", i).putObject("function")
                        .put("arguments", arguments.substring(half));
                events.add(SageMakerShapes.chunk(rest, null));
            }
            events.add(SageMakerShapes.chunk(MAPPER.createObjectNode(), "tool_calls"));
            events.add(SageMakerShapes.usageChunk(usage));
            events.add("[DONE]");
            return stream(parts(events, Duration.ZERO), false);
        });
    }

    @Override
    public void replyError(ErrorKind kind) {
        enqueue(switch (kind) {
            case BAD_REQUEST -> errorReply(400, "ValidationError", "1 validation error detected: Value at 'body'"
                    + " failed to satisfy constraint: Member must not be null");
            case AUTHENTICATION -> errorReply(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
            case PERMISSION -> errorReply(403, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/fake is"
                    + " not authorized to perform: sagemaker:InvokeEndpoint");
            case NOT_FOUND -> errorReply(400, "ValidationError", "Endpoint fake-endpoint of account 123456789012 not"
                    + " found.");
            // SageMaker documents no retry hint; a Retry-After header (from a proxy in front) is honoured.
            case RATE_LIMITED -> errorReply(400, "ThrottlingException", "Rate exceeded").withHeader("retry-after", "7");
            case CONTEXT_LENGTH -> modelError(422, "Input validation error: `inputs` tokens + `max_new_tokens` must be"
                    + " <= 4096. Given: 4000 `inputs` tokens and 200 `max_new_tokens`");
            case SERVER_ERROR -> errorReply(500, "InternalFailure", "An internal failure occurred.");
            case OVERLOADED -> errorReply(503, "ServiceUnavailable", "The service is unavailable. Try again later.");
        });
    }

    @Override
    public void streamTextThenError(List<String> fragments) {
        enqueue((Reply.Deferred) request -> {
            List<Reply.Frame> frames = textEvents(request, fragments, new FakeUsage(1, 1), Duration.ZERO, false);
            frames.add(Reply.Frame.of(EventStreamFrames.exception("ModelStreamError", SageMakerShapes.text(
                    MAPPER.createObjectNode().put("Message", "The model failed to finish sending the response within"
                            + " the timeout period.").put("ErrorCode", "ModelInvocationTimeExceeded")))));
            return stream(frames, false);
        });
    }

    @Override
    public void streamTextThenDrop(List<String> fragments) {
        enqueue((Reply.Deferred) request -> stream(textEvents(request, fragments, new FakeUsage(1, 1), Duration.ZERO,
                false), true));
    }

    @Override
    public void streamSlowly(int count, long intervalMillis) {
        List<String> fragments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fragments.add(i + " ");
        }
        enqueue((Reply.Deferred) request -> stream(textEvents(request, fragments, new FakeUsage(5, count),
                Duration.ofMillis(intervalMillis), true), false));
    }

    // ---- streams ----

    /** The events of a streamed text answer in the request's format; {@code complete} adds the closing events. */
    private static List<Reply.Frame> textEvents(RecordedRequest request, List<String> fragments, FakeUsage usage,
            Duration delay, boolean complete) {
        List<String> events = new ArrayList<>();
        if (InvokeRules.isTextGeneration(request.json())) {
            for (int i = 0; i < fragments.size(); i++) {
                events.add(SageMakerShapes.token(i, fragments.get(i), false));
            }
            if (complete) {
                events.add(SageMakerShapes.lastToken(fragments.size(), String.join("", fragments), usage,
                        asksDetails(request)));
            }
        } else {
            for (int i = 0; i < fragments.size(); i++) {
                events.add(SageMakerShapes.chunk(SageMakerShapes.textDelta(fragments.get(i), i == 0), null));
            }
            if (complete) {
                events.add(SageMakerShapes.chunk(MAPPER.createObjectNode(), "stop"));
                events.add(SageMakerShapes.usageChunk(usage));
                events.add("[DONE]");
            }
        }
        return parts(events, delay);
    }

    /** Each event as a server-sent event, split across two PayloadParts. */
    private static List<Reply.Frame> parts(List<String> events, Duration delay) {
        List<Reply.Frame> frames = new ArrayList<>();
        for (String event : events) {
            byte[] sse = SageMakerShapes.sse(event);
            int half = sse.length / 2;
            frames.add(new Reply.Frame(SageMakerShapes.payloadPart(Arrays.copyOfRange(sse, 0, half)), delay));
            frames.add(Reply.Frame.of(SageMakerShapes.payloadPart(Arrays.copyOfRange(sse, half, sse.length))));
        }
        return frames;
    }

    private static Reply stream(List<Reply.Frame> frames, boolean dropAtEnd) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/vnd.amazon.eventstream");
        headers.put("x-amzn-requestid", requestId());
        headers.put("x-amzn-invoked-production-variant", "AllTraffic");
        return new Reply.Stream(200, headers, frames, dropAtEnd);
    }

    private static Reply.Full json(String body) {
        return new Reply.Full(200, Map.of("content-type", "application/json", "x-amzn-requestid", requestId(),
                "x-amzn-invoked-production-variant", "AllTraffic"), bytes(body));
    }

    private static boolean asksDetails(RecordedRequest request) {
        return request.json().path("parameters").path("details").asBoolean(false);
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
