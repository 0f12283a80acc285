package dev.gatehouse.testkit.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A strict fake of Cohere's v2 Chat API on loopback: {@code POST /v2/chat} with
 * {@code Authorization: Bearer}, answered as {@code ChatResponseV2} JSON or, with
 * {@code stream: true}, as SSE events ({@code event:} and {@code data:} lines, the JSON naming its
 * {@code type}): message-start, content-start, content-delta, content-end, tool-plan-delta,
 * tool-call-start, tool-call-delta, tool-call-end, message-end with the finish reason and usage.
 * Also {@code POST /v2/rerank} and {@code POST /v2/embed}.
 * Requests are checked by {@link CohereRequestRules}; errors are {@code {"id","message"}}.
 */
public final class FakeCohere extends FakeProvider implements ScriptableFake {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SSE = Map.of("content-type", "text/event-stream");

    private final AtomicInteger ids = new AtomicInteger();

    @Override
    protected String name() {
        return "FakeCohere";
    }

    @Override
    protected Optional<Violation> check(RecordedRequest request) {
        boolean rerank = request.pathOnly().equals("/v2/rerank");
        boolean embed = request.pathOnly().equals("/v2/embed");
        if (!request.method().equals("POST") || !(rerank || embed || request.pathOnly().equals("/v2/chat"))) {
            return Optional.of(new Violation(404, "the requested resource could not be found"));
        }
        if (!("Bearer " + apiKey()).equals(request.header("authorization").orElse(null))) {
            return Optional.of(new Violation(401, "invalid api token"));
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return Optional.of(new Violation(400, "invalid request: the body is not JSON"));
        }
        return (rerank ? CohereRequestRules.checkRerank(body)
                : embed ? CohereRequestRules.checkEmbed(body) : CohereRequestRules.check(body))
                .map(message -> new Violation(400, message));
    }

    /**
     * A rerank answer: results for the given relevance scores (one per document of the request, by
     * index), most relevant first, cut to {@code top_n} when the request gives one.
     */
    public void replyRerank(List<Double> scores) {
        enqueue((Reply.Deferred) request -> {
            int topN = request.json().path("top_n").asInt(scores.size());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < scores.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Double.compare(scores.get(b), scores.get(a)));
            ObjectNode body = JSON.createObjectNode().put("id", "rerank-" + ids.incrementAndGet());
            ArrayNode results = body.putArray("results");
            for (int index : order.subList(0, Math.min(topN, order.size()))) {
                results.addObject().put("index", index).put("relevance_score", scores.get(index));
            }
            ObjectNode meta = body.putObject("meta");
            meta.putObject("api_version").put("version", "2");
            meta.putObject("billed_units").put("search_units", 1);
            return Reply.Full.json(200, body.toString());
        });
    }

    /**
     * Answers the next {@code calls} embed calls from their texts: the embedding of a text is
     * {@code [length of the text, position in this call, 0.25, …]} with {@code output_dimension}
     * values (3 by default); billed input tokens are the sum of the texts' lengths.
     */
    public void replyEmbeddings(int calls) {
        for (int call = 0; call < calls; call++) {
            enqueue((Reply.Deferred) request -> {
                JsonNode texts = request.json().get("texts");
                int dims = request.json().path("output_dimension").asInt(3);
                ObjectNode body = JSON.createObjectNode().put("id", "embed-" + ids.incrementAndGet());
                ArrayNode vectors = body.putObject("embeddings").putArray("float");
                ArrayNode echoed = body.putArray("texts");
                int tokens = 0;
                for (int i = 0; i < texts.size(); i++) {
                    String text = texts.get(i).asText();
                    echoed.add(text);
                    tokens += text.length();
                    ArrayNode vector = vectors.addArray().add(text.length());
                    if (dims > 1) {
                        vector.add(i);
                    }
                    for (int d = 2; d < dims; d++) {
                        vector.add(0.25);
                    }
                }
                ObjectNode meta = body.putObject("meta");
                meta.putObject("api_version").put("version", "2");
                meta.putObject("billed_units").put("input_tokens", tokens);
                return Reply.Full.json(200, body.toString());
            });
        }
    }

    @Override
    protected Reply error(int status, String message) {
        return Reply.Full.json(status, JSON.createObjectNode().put("id", "err-" + ids.incrementAndGet())
                .put("message", message).toString());
    }

    // ---- scenarios ----

    @Override
    public void replyText(String text, FakeUsage usage) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putArray("content").addObject().put("type", "text").put("text", text);
        enqueue(response(message, "COMPLETE", usage));
    }

    @Override
    public void replyToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant")
                .put("tool_plan", "I will call the tools the user needs.");
        ArrayNode toolCalls = message.putArray("tool_calls");
        for (FakeToolCall call : calls) {
            ObjectNode c = toolCalls.addObject().put("id", callId()).put("type", "function");
            c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
        }
        enqueue(response(message, "TOOL_CALL", usage));
    }

    @Override
    public void streamText(List<String> fragments, FakeUsage usage) {
        List<Reply.Frame> frames = textFrames(fragments);
        frames.add(event(JSON.createObjectNode().put("type", "content-end").put("index", 0)));
        frames.add(event(end("COMPLETE", usage)));
        enqueue(new Reply.Stream(200, SSE, frames, false));
    }

    @Override
    public void streamToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(event(start()));
        ObjectNode plan = JSON.createObjectNode().put("type", "tool-plan-delta");
        plan.putObject("delta").putObject("message").put("tool_plan", "I will call the tools.");
        frames.add(event(plan));
        for (int i = 0; i < calls.size(); i++) {
            FakeToolCall call = calls.get(i);
            ObjectNode begin = JSON.createObjectNode().put("type", "tool-call-start").put("index", i);
            ObjectNode c = begin.putObject("delta").putObject("message").putObject("tool_calls")
                    .put("id", callId()).put("type", "function");
            c.putObject("function").put("name", call.name()).put("arguments", "");
            frames.add(event(begin));
            String arguments = call.argumentsJson();
            int half = arguments.length() / 2;
            for (String piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
                ObjectNode delta = JSON.createObjectNode().put("type", "tool-call-delta").put("index", i);
                delta.putObject("delta").putObject("message").putObject("tool_calls").putObject("function")
                        .put("arguments", piece);
                frames.add(event(delta));
            }
            frames.add(event(JSON.createObjectNode().put("type", "tool-call-end").put("index", i)));
        }
        frames.add(event(end("TOOL_CALL", usage)));
        enqueue(new Reply.Stream(200, SSE, frames, false));
    }

    @Override
    public void replyError(ErrorKind kind) {
        enqueue(switch (kind) {
            case BAD_REQUEST -> error(400, "invalid request: temperature must be between 0 and 1");
            case AUTHENTICATION -> error(401, "invalid api token");
            case PERMISSION -> error(403, "You do not have access to this model");
            case NOT_FOUND -> error(404, "model 'test-model' not found, make sure the correct model ID was used and"
                    + " that you have access to the model.");
            case RATE_LIMITED -> ((Reply.Full) error(429, "You are using a Trial key, which is limited to 10 API"
                    + " calls / minute.")).withHeader("retry-after", "7");
            case CONTEXT_LENGTH -> error(400, "too many tokens: total number of tokens in the prompt cannot exceed"
                    + " 128000 - received 130512. Try using a shorter prompt or enabling prompt truncating.");
            case SERVER_ERROR -> error(500, "internal server error, this has been reported to our developers");
            case OVERLOADED -> error(503, "service unavailable, please try again later");
        });
    }

    @Override
    public void streamTextThenError(List<String> fragments) {
        List<Reply.Frame> frames = textFrames(fragments);
        ObjectNode end = JSON.createObjectNode().put("type", "message-end");
        end.putObject("delta").put("finish_reason", "ERROR").put("error", "internal server error");
        frames.add(event(end));
        enqueue(new Reply.Stream(200, SSE, frames, false));
    }

    @Override
    public void streamTextThenDrop(List<String> fragments) {
        enqueue(new Reply.Stream(200, SSE, textFrames(fragments), true));
    }

    @Override
    public void streamSlowly(int count, long intervalMillis) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(event(start()));
        for (int i = 0; i < count; i++) {
            frames.add(new Reply.Frame(sse(contentDelta(i + " ")), Duration.ofMillis(intervalMillis)));
        }
        frames.add(event(end("COMPLETE", new FakeUsage(5, count))));
        enqueue(new Reply.Stream(200, SSE, frames, false));
    }

    // ---- Cohere's shapes ----

    private List<Reply.Frame> textFrames(List<String> fragments) {
        List<Reply.Frame> frames = new ArrayList<>();
        frames.add(event(start()));
        ObjectNode contentStart = JSON.createObjectNode().put("type", "content-start").put("index", 0);
        contentStart.putObject("delta").putObject("message").putObject("content").put("type", "text").put("text", "");
        frames.add(event(contentStart));
        for (String fragment : fragments) {
            frames.add(event(contentDelta(fragment)));
        }
        return frames;
    }

    private ObjectNode start() {
        ObjectNode start = JSON.createObjectNode().put("type", "message-start").put("id", "fake-" + ids.incrementAndGet());
        start.putObject("delta").putObject("message").put("role", "assistant");
        return start;
    }

    private static ObjectNode contentDelta(String text) {
        ObjectNode delta = JSON.createObjectNode().put("type", "content-delta").put("index", 0);
        delta.putObject("delta").putObject("message").putObject("content").put("text", text);
        return delta;
    }

    private static ObjectNode end(String reason, FakeUsage usage) {
        ObjectNode end = JSON.createObjectNode().put("type", "message-end");
        ObjectNode delta = end.putObject("delta").put("finish_reason", reason);
        delta.set("usage", usage(usage));
        return end;
    }

    private Reply response(ObjectNode message, String reason, FakeUsage usage) {
        ObjectNode body = JSON.createObjectNode().put("id", "fake-" + ids.incrementAndGet());
        body.set("message", message);
        body.put("finish_reason", reason);
        body.set("usage", usage(usage));
        return Reply.Full.json(200, body.toString());
    }

    private static ObjectNode usage(FakeUsage usage) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("billed_units").put("input_tokens", usage.promptTokens()).put("output_tokens",
                usage.completionTokens());
        node.putObject("tokens").put("input_tokens", usage.promptTokens()).put("output_tokens", usage.completionTokens());
        return node;
    }

    private String callId() {
        return "fake_call_" + ids.incrementAndGet();
    }

    private static Reply.Frame event(ObjectNode data) {
        return Reply.Frame.of(sse(data));
    }

    /** One SSE event: the {@code event:} line names the type, the {@code data:} line carries it too. */
    private static String sse(ObjectNode data) {
        return "event: " + data.path("type").asText() + "\ndata: " + data + "\n\n";
    }
}
