package dev.gatehouse.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that speaks OpenAI's Responses API itself (OpenAI, Azure OpenAI), to which
 * Gatehouse passes a Responses request as written. Its answers are written here from the API
 * reference (https://platform.openai.com/docs/api-reference/responses/object and
 * https://platform.openai.com/docs/api-reference/responses-streaming), so the suite checks
 * Gatehouse against the documented shapes, not against a fake's own vocabulary.
 */
final class NativeResponsesUpstream implements ResponsesUpstream {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SSE = Map.of("content-type", "text/event-stream");

    private final FakeProvider fake;
    private final String provider;
    private final String upstreamModel;
    private final Map<String, String> options;
    private final AtomicInteger ids = new AtomicInteger();

    NativeResponsesUpstream(FakeProvider fake, String provider, String upstreamModel, Map<String, String> options) {
        this.fake = fake;
        this.provider = provider;
        this.upstreamModel = upstreamModel;
        this.options = Map.copyOf(options);
    }

    @Override
    public Deployment deployment(String model) {
        return Deployment.builder(model, provider).upstreamModel(upstreamModel).baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).timeout(TranslatedUpstream.TIMEOUT).options(options).build();
    }

    @Override
    public boolean nativeResponses() {
        return true;
    }

    // ---- whole answers ----

    @Override
    public void replyText(String text, Tokens tokens) {
        fake.enqueue(echoing(response("completed", List.of(message(text)), tokens, 0)));
    }

    @Override
    public void replyToolCall(String name, String argumentsJson, Tokens tokens) {
        fake.enqueue(echoing(response("completed", List.of(functionCall(name, argumentsJson)), tokens, 0)));
    }

    @Override
    public void replyReasoningThenText(String reasoning, String text, Tokens tokens) {
        ObjectNode item = JSON.createObjectNode().put("id", "rs_up_" + ids.incrementAndGet()).put("type", "reasoning");
        item.putArray("summary").addObject().put("type", "summary_text").put("text", reasoning);
        item.put("encrypted_content", "opaque-reasoning-state");
        fake.enqueue(echoing(response("completed", List.of(item, message(text)), tokens,
                Math.max(1, tokens.output() / 2))));
    }

    /** Fields the Response object echoes from its request, as the API does. */
    private static final List<String> ECHOED = List.of("instructions", "text", "reasoning", "previous_response_id",
            "tools", "tool_choice", "max_output_tokens", "temperature", "top_p", "metadata", "store");

    /** The answer with what the request set echoed in it, decided when the request arrives. */
    private static Reply echoing(ObjectNode response) {
        return (Reply.Deferred) request -> {
            ObjectNode echoed = response.deepCopy();
            JsonNode body = request.json();
            for (String field : ECHOED) {
                if (body.has(field)) {
                    echoed.set(field, body.get(field));
                }
            }
            return Reply.Full.json(200, echoed.toString());
        };
    }

    // ---- streams (the documented event sequence) ----

    @Override
    public void streamText(List<String> fragments, Tokens tokens) {
        Events events = new Events();
        ObjectNode started = events.start();
        ObjectNode item = message("");
        item.put("status", "in_progress");
        ((ArrayNode) item.get("content")).removeAll();
        String itemId = item.get("id").asText();
        events.add("response.output_item.added", JSON.createObjectNode().put("output_index", 0).set("item", item));
        ObjectNode emptyPart = outputText("");
        events.add("response.content_part.added", JSON.createObjectNode().put("item_id", itemId).put("output_index", 0)
                .put("content_index", 0).set("part", emptyPart));
        for (String fragment : fragments) {
            ObjectNode delta = JSON.createObjectNode().put("item_id", itemId).put("output_index", 0)
                    .put("content_index", 0).put("delta", fragment);
            delta.putArray("logprobs");
            events.add("response.output_text.delta", delta);
        }
        String text = String.join("", fragments);
        ObjectNode done = JSON.createObjectNode().put("item_id", itemId).put("output_index", 0).put("content_index", 0)
                .put("text", text);
        done.putArray("logprobs");
        events.add("response.output_text.done", done);
        events.add("response.content_part.done", JSON.createObjectNode().put("item_id", itemId).put("output_index", 0)
                .put("content_index", 0).set("part", outputText(text)));
        ObjectNode finished = message(text).put("id", itemId);
        events.add("response.output_item.done", JSON.createObjectNode().put("output_index", 0).set("item", finished));
        events.complete(started, List.of(finished), tokens);
        fake.enqueue(events.reply(false));
    }

    @Override
    public void streamToolCall(String name, String argumentsJson, Tokens tokens) {
        Events events = new Events();
        ObjectNode started = events.start();
        ObjectNode item = functionCall(name, "").put("status", "in_progress");
        String itemId = item.get("id").asText();
        events.add("response.output_item.added", JSON.createObjectNode().put("output_index", 0).set("item", item));
        int half = argumentsJson.length() / 2;
        for (String piece : List.of(argumentsJson.substring(0, half), argumentsJson.substring(half))) {
            events.add("response.function_call_arguments.delta", JSON.createObjectNode().put("item_id", itemId)
                    .put("output_index", 0).put("delta", piece));
        }
        events.add("response.function_call_arguments.done", JSON.createObjectNode().put("item_id", itemId)
                .put("output_index", 0).put("name", name).put("arguments", argumentsJson));
        ObjectNode finished = item.deepCopy().put("arguments", argumentsJson).put("status", "completed");
        events.add("response.output_item.done", JSON.createObjectNode().put("output_index", 0).set("item", finished));
        events.complete(started, List.of(finished), tokens);
        fake.enqueue(events.reply(false));
    }

    @Override
    public void streamTextThenError(List<String> fragments) {
        Events events = new Events();
        ObjectNode started = events.start();
        ObjectNode item = message("");
        item.put("status", "in_progress");
        ((ArrayNode) item.get("content")).removeAll();
        String itemId = item.get("id").asText();
        events.add("response.output_item.added", JSON.createObjectNode().put("output_index", 0).set("item", item));
        events.add("response.content_part.added", JSON.createObjectNode().put("item_id", itemId).put("output_index", 0)
                .put("content_index", 0).set("part", outputText("")));
        for (String fragment : fragments) {
            events.add("response.output_text.delta", JSON.createObjectNode().put("item_id", itemId)
                    .put("output_index", 0).put("content_index", 0).put("delta", fragment));
        }
        ObjectNode failed = started.deepCopy().put("status", "failed");
        failed.putObject("error").put("code", "server_error")
                .put("message", "The server had an error while processing your request.");
        events.add("response.failed", JSON.createObjectNode().set("response", failed));
        fake.enqueue(events.reply(false));
    }

    // ---- errors ----

    @Override
    public void replyError(ErrorKind kind) {
        fake.enqueue(switch (kind) {
            case BAD_REQUEST -> error(400, "Invalid value for 'temperature'.", "invalid_request_error", null);
            case AUTHENTICATION -> error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
            case PERMISSION -> error(403, "You are not allowed to sample from this model", "invalid_request_error", null);
            case NOT_FOUND -> error(404, "The model does not exist or you do not have access to it.",
                    "invalid_request_error", "model_not_found");
            case RATE_LIMITED -> error(429, "Rate limit reached for requests", "requests", "rate_limit_exceeded")
                    .withHeader("retry-after", "7");
            case CONTEXT_LENGTH -> error(400, "Your input exceeds the context window of this model.",
                    "invalid_request_error", "context_length_exceeded");
            case SERVER_ERROR -> error(500, "The server had an error while processing your request.", "server_error",
                    null);
            case OVERLOADED -> error(503, "The engine is currently overloaded, please try again later.",
                    "server_error", null);
        });
    }

    private static Reply.Full error(int status, String message, String type, String code) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return Reply.Full.json(status, body.toString());
    }

    @Override
    public void hang() {
        fake.enqueue(new Reply.Hang());
    }

    // ---- what the upstream received ----

    @Override
    public boolean asksForReasoning(JsonNode body) {
        return body.path("reasoning").path("effort").isTextual();
    }

    @Override
    public boolean asksForJsonSchema(JsonNode body) {
        return body.path("text").path("format").path("type").asText().equals("json_schema");
    }

    @Override
    public List<RecordedRequest> requests() {
        return fake.requests();
    }

    @Override
    public void assertNoViolations() {
        fake.assertNoViolations();
    }

    @Override
    public void close() {
        fake.close();
    }

    // ---- shapes ----

    private ObjectNode message(String text) {
        ObjectNode item = JSON.createObjectNode().put("id", "msg_up_" + ids.incrementAndGet()).put("type", "message")
                .put("status", "completed").put("role", "assistant");
        item.putArray("content").add(outputText(text));
        return item;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private ObjectNode functionCall(String name, String arguments) {
        int n = ids.incrementAndGet();
        return JSON.createObjectNode().put("id", "fc_up_" + n).put("type", "function_call").put("call_id", "call_up_" + n)
                .put("name", name).put("arguments", arguments).put("status", "completed");
    }

    private ObjectNode response(String status, List<ObjectNode> output, Tokens tokens, int reasoningTokens) {
        ObjectNode response = JSON.createObjectNode().put("id", "resp_up_" + ids.incrementAndGet())
                .put("object", "response").put("created_at", 1_765_000_000L).put("status", status)
                .put("model", upstreamModel);
        response.putNull("error");
        response.putNull("incomplete_details");
        response.putNull("previous_response_id");
        response.putNull("instructions");
        response.putNull("max_output_tokens");
        response.put("temperature", 1.0).put("top_p", 1.0);
        response.putObject("reasoning").putNull("effort");
        response.put("parallel_tool_calls", true).put("store", true).put("tool_choice", "auto")
                .put("truncation", "disabled");
        response.putArray("tools");
        response.putObject("text").putObject("format").put("type", "text");
        response.putObject("metadata");
        ArrayNode items = response.putArray("output");
        output.forEach(items::add);
        if (tokens != null) {
            ObjectNode usage = response.putObject("usage").put("input_tokens", tokens.input());
            usage.putObject("input_tokens_details").put("cached_tokens", 0);
            usage.put("output_tokens", tokens.output());
            usage.putObject("output_tokens_details").put("reasoning_tokens", reasoningTokens);
            usage.put("total_tokens", tokens.input() + tokens.output());
        } else {
            response.putNull("usage");
        }
        return response;
    }

    /** One stream's events, each with its type as the SSE event name and its sequence number. */
    private final class Events {
        private final List<Reply.Frame> frames = new ArrayList<>();
        private int sequence;

        ObjectNode start() {
            ObjectNode response = response("in_progress", List.of(), null, 0);
            add("response.created", JSON.createObjectNode().set("response", response));
            add("response.in_progress", JSON.createObjectNode().set("response", response));
            return response;
        }

        void add(String type, ObjectNode event) {
            ObjectNode ordered = JSON.createObjectNode().put("type", type).put("sequence_number", sequence++);
            ordered.setAll(event);
            frames.add(Reply.Frame.of("event: " + type + "\ndata: " + ordered + "\n\n"));
        }

        void complete(ObjectNode started, List<ObjectNode> output, Tokens tokens) {
            ObjectNode done = response("completed", output, tokens, 0).put("id", started.get("id").asText());
            add("response.completed", JSON.createObjectNode().set("response", done));
        }

        Reply reply(boolean dropAtEnd) {
            return new Reply.Stream(200, SSE, List.copyOf(frames), dropAtEnd);
        }
    }
}
